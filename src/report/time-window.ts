/**
 * The times an event may carry: `ts` within [{@link TS_MIN}, now + {@link TS_FUTURE_MS}]. Anything else is invalid
 * (`ts: 0`, `1e300`, a clock years off): it would stretch the period to decades or break date formatting.
 */

/** 2020-01-01T00:00Z: Candor's events cannot be older. */
export const TS_MIN = Date.UTC(2020, 0, 1);
/** One day: clocks run a little fast; a day ahead of the reader's "now" is still accepted. */
export const TS_FUTURE_MS = 86_400_000;

/** Whether `ts` (ms since the epoch) is a time an event may carry, given "now". */
export const saneTs = (ts: number, now: number): boolean => ts >= TS_MIN && ts <= now + TS_FUTURE_MS;
