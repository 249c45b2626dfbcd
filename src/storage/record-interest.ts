import { LIMITS, type VisitorMemory } from './visitor-state.js';
import { decayedInterest } from './decayed-interest.js';

export { decayedInterest, INTEREST_HALF_LIFE } from './decayed-interest.js';

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
