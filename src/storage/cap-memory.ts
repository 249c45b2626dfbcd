import type { Tier } from '../core/types.js';
import { emptyMemory, type VisitorMemory } from './visitor-state.js';

/**
 * Removes everything stored above the consent cap, so lowering consent deletes it:
 * `relationship` drops interest and engagement (high tier); `low` also drops visits, pages, recent pages,
 * declared answers and goals, keeping only the current session (and its last-activity time, which ends it).
 * Pure; returns a new memory.
 * @example state.memory = capMemory(state.memory, 'low')
 */
export function capMemory(memory: VisitorMemory, cap: Tier): VisitorMemory {
  if (cap === 'high') return memory;
  const empty = emptyMemory();
  const m = { ...memory, interest: empty.interest, engagement: empty.engagement };
  return cap === 'low'
    ? { ...empty, session: memory.session, visits: { ...empty.visits, lastActivity: memory.visits.lastActivity } }
    : m;
}
