import { exposureEvent } from '../events/exposure-event.js';
import { newEventId } from '../events/event-id.js';
import type { Visit } from '../instance/open-visit.js';

/**
 * When the page is left before the runtime has started, sends the exposures of the first pass's decisions to the
 * site's collector with `navigator.sendBeacon`, so a visitor who leaves at once is still counted (intent to treat).
 * They are marked logged only when the browser accepted the beacon; otherwise the next page view's runtime logs them.
 * @param started whether the runtime has taken over (it then delivers everything itself)
 * @example beaconUnsentExposures(visit, '/collect', () => !!window.candor)
 */
export function beaconUnsentExposures(visit: Visit, sink: string, started: () => boolean): void {
  addEventListener('pagehide', () => {
    const state = visit.state;
    if (started() || !state) return;
    const unsent = [...visit.decided.values()].filter((decision) => visit.unexposed(decision.slot));
    const slots = unsent.map((decision) => decision.slot);
    const events = unsent.map((decision) => exposureEvent(decision, state.visitorId, newEventId(crypto), visit.now()));
    try {
      if (events.length && navigator.sendBeacon(sink, JSON.stringify(events))) {
        for (const slot of slots) {
          const assignment = state.assignments[slot];
          if (assignment) assignment.exposed = true;
        }
        visit.saveNow();
      }
    } catch {
      // No beacon: the next page view's runtime logs them.
    }
  });
}
