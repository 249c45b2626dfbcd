import { decideReasonIsCounted } from '../core/decide/decide.js';
import type { Decision } from '../core/types.js';
import type { Visit, VisitRecord } from './visit.js';

/** An exposure decided but not logged yet. */
export interface UnloggedExposure {
  decision: Decision;
  /** Shown by an earlier page view and replaced on this one: logged first, a millisecond before this page's. */
  earlier: boolean;
}

/**
 * Exposures waiting to be logged, oldest first: every earlier one this page replaced, then this page's decision of
 * `slot` (or of every slot) while its stored assignment says it is not logged yet.
 */
export function unlogged(visit: Visit, slot?: string): UnloggedExposure[] {
  const record = (visit as VisitRecord);
  const waiting: UnloggedExposure[] = record.superseded.map((decision) => ({ decision, earlier: true }));
  for (const decision of slot === undefined ? record.decided.values() : [record.decided.get(slot)]) {
    const assignment = decision && record.state?.assignments[decision.slot];
    if (decision && !decision.forced && decideReasonIsCounted(decision) && assignment?.decisionId === decision.decisionId && assignment.exposed === false) {
      waiting.push({ decision, earlier: false });
    }
  }
  return waiting;
}

/** These exposures are logged (sent, or accepted by a beacon): remembered in the visitor's state, saved at the end of the task. */
export function logged(visit: Visit, decisions: readonly Decision[]): void {
  const record = (visit as VisitRecord);
  for (const decision of decisions) {
    const index = record.superseded.indexOf(decision);
    if (index >= 0) {
      record.superseded.splice(index, 1);
      continue;
    }
    const assignment = record.state?.assignments[decision.slot];
    if (assignment?.decisionId === decision.decisionId) assignment.exposed = true;
  }
  visit.save();
}
