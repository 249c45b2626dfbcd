import { LIMITS, type VisitorMemory } from './visitor-state.js';

/**
 * Counts a reached goal (`goals.<goal>`). At most 50 goal names are kept; names longer than 64 characters are ignored.
 * Pure; returns a new memory.
 * @example memory = recordGoal(memory, 'demo-booked', Date.now())
 */
export function recordGoal(memory: VisitorMemory, goal: string, now: number): VisitorMemory {
  const goals = { ...memory.goals };
  if (goal.length > 64 || (!(goal in goals) && Object.keys(goals).length >= LIMITS.keys)) return memory;
  goals[goal] = (goals[goal] ?? 0) + 1;
  return { ...memory, goals, visits: { ...memory.visits, lastActivity: now } };
}
