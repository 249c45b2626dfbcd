import { closeCandorStore } from '../storage/candor-store.js';
import { watchOtherTabs } from '../storage/tab-sync.js';
import { adoptState, forgetVisit } from '../visit/continue-visit.js';
import type { Visit } from '../visit/visit.js';

/**
 * Keeps this page view in step with the visitor's other tabs: a decision, consent or "standard version" choice made
 * there is in force here; everything forgotten there is forgotten here (and IndexedDB let go, so it can be deleted).
 * @param onStandard called when whether the standard content shows changed because of another tab
 * @example followOtherTabs(window, visit, (standard) => emit('change', { standard }))
 */
export function followOtherTabs(win: Window, visit: Visit, onStandard: (standard: boolean) => void): void {
  watchOtherTabs(win, (other) => {
    const state = visit.state;
    if (!state || visit.forgotten) return;
    if (other?.visitorId !== state.visitorId) {
      void closeCandorStore();
      forgetVisit(visit);
      onStandard(true);
      return;
    }
    const wasStandard = !!state.standard;
    adoptState(visit, other);
    if (!!other.standard !== wasStandard) onStandard(!!other.standard);
  });
}
