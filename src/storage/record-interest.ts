import { LIMITS, type VisitorMemory } from './visitor-state.js';

/** Interest halves every 14 days (ms). */
export const INTEREST_HALF_LIFE = 14 * 864e5;

/**
 * An interest score decayed to `now`, rounded to 3 decimals.
 * @example decayedInterest({ score: 2, at: 0 }, INTEREST_HALF_LIFE) // 1
 */
export function decayedInterest(entry: { score: number; at: number }, now: number): number {
  return Math.round(entry.score * 2 ** (-Math.max(0, now - entry.at) / INTEREST_HALF_LIFE) * 1000) / 1000;
}

/**
 * Adds `weight` (clamped to 0–10) to a topic's decayed score (`interest.<topic>`). At most 50 topics are kept:
 * the weakest (after decay) is dropped first. Topic names longer than 64 characters are ignored. Pure; returns a new memory.
 * @example memory = recordInterest(memory, 'pricing', 1, Date.now())
 */
export function recordInterest(memory: VisitorMemory, topic: string, weight: number, now: number): VisitorMemory {
  const w = weight > 0 ? Math.min(10, weight) : 0;
  if (topic.length > 64 || !w) return memory;
  const old = memory.interest[topic];
  const entries = Object.entries(memory.interest)
    .filter(([t]) => t !== topic)
    .sort(([, a], [, b]) => decayedInterest(b, now) - decayedInterest(a, now))
    .slice(0, LIMITS.interest - 1);
  entries.push([topic, { score: (old ? decayedInterest(old, now) : 0) + w, at: now }]);
  return { ...memory, interest: Object.fromEntries(entries), visits: { ...memory.visits, lastActivity: now } };
}
