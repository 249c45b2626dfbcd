import type { VisitorMemory } from './visitor-state.js';

/** What the page measured since the last call. */
export interface EngagementInput {
  /** How far down the current page the visitor has scrolled, 0–100. */
  scrollDepth?: number;
  /** Active seconds since the last call (clamped to 0–1800). */
  activeSeconds?: number;
}

/**
 * Records engagement: `engagement.scrollDepth` keeps the deepest scroll of the session (0–100),
 * `engagement.activeSeconds` adds up active time on the site. Pure; returns a new memory.
 * @example memory = recordEngagement(memory, { scrollDepth: 75, activeSeconds: 12 }, Date.now())
 */
export function recordEngagement(memory: VisitorMemory, input: EngagementInput, now: number): VisitorMemory {
  const e = memory.engagement;
  // Negative, NaN or missing count as 0.
  const clamp = (x = 0, max: number): number => (x > 0 ? Math.min(max, x) : 0);
  return {
    ...memory,
    engagement: {
      scrollDepth: Math.max(e.scrollDepth, Math.round(clamp(input.scrollDepth, 100))),
      activeSeconds: e.activeSeconds + Math.round(clamp(input.activeSeconds, 1800)),
    },
    visits: { ...memory.visits, lastActivity: now },
  };
}
