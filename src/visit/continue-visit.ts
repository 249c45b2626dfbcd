import type { Decision, ValidConfig } from '../core/types.js';
import type { VisitorState } from '../storage/visitor-state.js';
import type { Visit, VisitRecord } from './visit.js';

/**
 * How the runtime (or `createCandor`) continues a page view it did not open, without assigning its fields.
 */

/** Validation found no problem: `config` (what the first pass read, or the validated config) is in force. */
export function confirmConfig(visit: Visit, config: ValidConfig | null): void {
  (visit as VisitRecord).config = config;
}

/**
 * Validation found problems in the config the first pass only read: nothing decided from it is shown, kept or counted,
 * and the standard content shows from now on.
 */
export function revokeConfig(visit: Visit): void {
  const record = (visit as VisitRecord);
  const { state } = record;
  for (const slot of record.decided.keys()) {
    if (state?.assignments[slot]?.exposed === false) Reflect.deleteProperty(state.assignments, slot);
  }
  record.decided.clear();
  record.config = null;
  visit.resetSignals();
  visit.save();
}

/** Changes the visitor's state and saves it at the end of the task; nothing without a state or after "forget". */
export function changeState(visit: Visit, mutate: (state: VisitorState) => void): void {
  if (!visit.state || visit.forgotten) return;
  mutate(visit.state);
  visit.save();
}

/** Another tab changed the visitor's state: it is in force here too (consent and signals follow). */
export function adoptState(visit: Visit, state: VisitorState): void {
  (visit as VisitRecord).state = state;
  visit.refreshConsent();
  visit.resetSignals();
}

/** Everything was forgotten (here or in another tab): only the standard content, and nothing saved, from now on. */
export function forgetVisit(visit: Visit): void {
  (visit as VisitRecord).forgotten = true;
}

/** Calls `listener` after every decision of this page (the one listener: the runtime, which logs exposures from there). */
export function onDecide(visit: Visit, listener: (slot: string) => void): void {
  (visit as VisitRecord).onDecide = listener;
}

/**
 * Tells the `onDecide` listener of each decision this page has made so far, as made: none is decided again. (A slot
 * decided before a client-side navigation may no longer be on the page, and the address has changed since.)
 */
export function retellDecisions(visit: Visit): void {
  const record = visit as VisitRecord;
  for (const slot of [...record.decided.keys()]) record.onDecide?.(slot);
}

/** This page's decisions, by slot, as decided (before "show standard" applies). */
export function decisionsOf(visit: Visit): ReadonlyMap<string, Decision> {
  return (visit as VisitRecord).decided;
}
