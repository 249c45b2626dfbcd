/**
 * One streaming pass over Candor events (NDJSON, optionally gzip) into the sufficient statistics of
 * {@link Aggregate}. Statistics never look at events; they read the aggregate.
 *
 * Memory is bounded by distinct visitors × slots (plus a capped number of conversions per visitor × goal),
 * never by the number of events, so a file of any length fits:
 * - visitor ids are not kept: each visitor is a 64-bit hash of its id in an open-addressing table pointing to a
 *   dense index (collisions among a million visitors: probability ~3e-8); everything else sits in typed arrays;
 * - an exposure is stored as (pattern, time) per visitor × slot × period, where a pattern (slot, arm, shown
 *   experience, counterfactual, propensity, audiences, eligibility) is interned and shared by many visitors;
 * - conversions are stored per visitor × goal (time, value), at most `maxConversionsPerGoal` of them (the
 *   earliest); the conversion window can only be applied at the end, since conversions may precede the
 *   visitor's exposure in the file;
 * - trust events are stored per visitor as (kind, slot) flags.
 *
 * De-duplication without a set of event ids (which would grow with events): delivery is at-least-once, so a
 * re-sent event is an exact copy. An exposure for a visitor × slot × period that is already stored with the
 * same pattern and time is a duplicate; any other one is a later decision and intention-to-treat keeps the
 * earliest. A conversion equal to a stored one (same visitor, goal, time and value) is a duplicate. Trust
 * events are visitor-level flags, so copies cannot count twice.
 *
 * Hostile input (the collector accepts what the schema allows, and files can be edited): an event whose `ts` is not
 * within [2020-01-01T00:00Z, now + 1 day] (`time-window.ts`) is invalid (counted in `invalid` and `timeOutOfRange`); a
 * UTF-8 byte-order mark at the start of a line is skipped; names are only ever Map keys or keys of null-prototype
 * records, so `__proto__` or `constructor` are names like any other; and at most `maxGoals` goals are kept (those with
 * the most stored conversions, ties by name, the `keepGoals` always), so attacker-chosen goal names cannot make every
 * cell's arrays long. The cost of `finish()` per visitor is proportional to the goals that visitor converted on.
 *
 * Nothing depends on the order of the lines: ties at the same millisecond are broken by the events' fields, and
 * counts move between "duplicates" and "later"/"capped" when an earlier event replaces a kept one. That is what lets
 * a SQL engine produce the same aggregate (`report/sql/aggregation-query.ts`); `test/node/report/engines.test.ts`
 * checks that it does.
 */

import type { Aggregate } from './aggregate-types.js';
import { addEvent } from './add-event.js';
import { aggregationState } from './aggregation-state.js';
import type { GoalCapOptions } from './cap-goals.js';
import { finishAggregate } from './finish-aggregate.js';
import { readEventSource, type EventSource } from './read-event-source.js';
import { eventLineReader } from './read-event-line.js';

/** Options of the aggregation. */
export interface AggregateOptions extends GoalCapOptions {
  /** Conversions count when they happen within this many days after the visitor's first exposure in the period. Default 7. */
  windowDays?: number;
  /** At most this many conversions are kept per visitor × goal (the earliest). Default 16. */
  maxConversionsPerGoal?: number;
  /** Called every `progressEvery` lines with the number of lines read. */
  onProgress?: (lines: number) => void;
  /** Default 1,000,000. */
  progressEvery?: number;
  /** "Now" for the time window of valid events (ms since the epoch). Default `Date.now()`. */
  now?: number;
}

/** An aggregation in progress: feed it lines or parsed events, then `finish()`. */
export interface Aggregator {
  /** Adds one NDJSON line (blank lines are skipped; lines that are not events are counted as invalid). A function, not a method: pass it on as it is. */
  addLine: (line: string) => void;
  /** Adds one parsed event (anything that is not a Candor event is counted as invalid). */
  addEvent(event: unknown): void;
  /** The aggregate of everything added so far. */
  finish(): Aggregate;
}

export { MAX_GOALS } from './cap-goals.js';
export { crossFitFold } from './visitor-table.js';
export type { EventSource } from './read-event-source.js';

/**
 * Starts an aggregation. Use it when events come from somewhere else than a file (a queue, a test);
 * {@link aggregateEvents} wraps it for files.
 * @example const a = createAggregator({ windowDays: 7 }); a.addLine(line); const aggregate = a.finish();
 */
export function createAggregator(options: AggregateOptions = {}): Aggregator {
  const state = aggregationState(Math.max(1, options.maxConversionsPerGoal ?? 16), options.now ?? Date.now());
  return {
    addLine: eventLineReader(state, { onProgress: options.onProgress, every: options.progressEvery ?? 1_000_000 }),
    addEvent: (event) => {
      addEvent(state, event);
    },
    finish: () => finishAggregate(state, { windowDays: options.windowDays ?? 7, maxGoals: options.maxGoals, keepGoals: options.keepGoals }),
  };
}

/**
 * Reads NDJSON events (plain or gzip) in one pass and returns their {@link Aggregate}. Several sources (the files of a
 * directory, say) are read one after the other into the same aggregate.
 * Rejects only when a source cannot be read (missing file, broken gzip).
 * @example const aggregate = await aggregateEvents('events.ndjson.gz', { windowDays: 7 });
 */
export async function aggregateEvents(source: EventSource | readonly EventSource[], options: AggregateOptions = {}): Promise<Aggregate> {
  const aggregator = createAggregator(options);
  const sources: readonly EventSource[] = typeof source === 'string' || !Array.isArray(source) ? [source as EventSource] : source;
  for (const one of sources) await readEventSource(one, aggregator.addLine);
  return aggregator.finish();
}

