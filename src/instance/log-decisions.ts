import type { CandorEvent, Decision } from '../core/types.js';
import { exposureEvent } from '../events/exposure-event.js';
import { decisionsOf, onDecide } from '../visit/continue-visit.js';
import { logged, unlogged, type UnloggedExposure } from '../visit/exposures.js';
import type { Visit } from '../visit/visit.js';

/** Logs one event, built from the visitor id, a new event id and the time (nothing when nothing may be counted). */
export type LogEvent = (build: (visitorId: string, id: string, t: number) => CandorEvent) => void;

/**
 * Follows every decision of this page view (the script tag's first pass decides through the same visit): what an
 * earlier page view showed but could not log comes first (intent to treat starts there), then the assigned decision,
 * logged in every arm before anything it may cause, and told to `announce` once per decision.
 * @returns what logs exposures (each marked logged in the visit's one record)
 * @example const logExposures = logDecisions(visit, log, (d) => emit('decision', d));
 */
export function logDecisions(visit: Visit, log: LogEvent, announce: (decision: Decision) => void): (exposures: readonly UnloggedExposure[]) => void {
  const announced = new Map<string, string>();
  const logExposures = (exposures: readonly UnloggedExposure[]): void => {
    if (!exposures.length) return;
    for (const { decision, earlier } of exposures) log((visitorId, id, t) => exposureEvent(decision, visitorId, id, earlier ? t - 1 : t));
    logged(visit, exposures.map((e) => e.decision));
  };
  onDecide(visit, (slot) => {
    const assigned = decisionsOf(visit).get(slot);
    const fresh = !!assigned && announced.get(slot) !== assigned.decisionId;
    const exposures = unlogged(visit, slot);
    logExposures(fresh ? exposures : exposures.filter((e) => e.earlier));
    if (assigned && fresh) {
      announced.set(slot, assigned.decisionId);
      announce(assigned);
    }
  });
  return logExposures;
}
