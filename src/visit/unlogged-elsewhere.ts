import { storedDecision } from '../core/decide/decide.js';
import type { Decision } from '../core/types.js';
import type { Visit, VisitRecord } from './visit.js';

/**
 * Exposures earlier page views decided but could not log (the visitor left before the script tag's runtime ran, with
 * no beacon to send them), for the slots this page has not decided: rebuilt from the assignment that still stands,
 * with its decision id, so `logged` (exposures.ts) marks them.
 */
export function unloggedElsewhere(visit: Visit): Decision[] {
  const { config, state, consent, decided } = (visit as VisitRecord);
  const found: Decision[] = [];
  if (!config || !state) return found;
  for (const [slot, sticky] of Object.entries(state.assignments)) {
    if (sticky.exposed === true || decided.has(slot)) continue;
    const stored = storedDecision({ config, slot, visitorId: state.visitorId, signals: visit.signals(), consent }, sticky);
    if (stored) found.push(stored);
  }
  return found;
}
