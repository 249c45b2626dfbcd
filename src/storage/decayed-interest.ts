/** Interest halves every 14 days (ms). */
export const INTEREST_HALF_LIFE = 14 * 864e5;

/**
 * An interest score decayed to `now`, rounded to 3 decimals.
 * @example decayedInterest({ score: 2, at: 0 }, INTEREST_HALF_LIFE) // 1
 */
export function decayedInterest(entry: { score: number; at: number }, now: number): number {
  return Math.round(entry.score * 2 ** (-Math.max(0, now - entry.at) / INTEREST_HALF_LIFE) * 1000) / 1000;
}
