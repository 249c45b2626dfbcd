import { exposureEvent } from '../events/exposure-event.js';
import { conversionEvent } from '../events/conversion-event.js';
import { newEventId } from '../events/event-id.js';
import type { CandorEvent } from '../core/types.js';
import type { FirstPass } from './first-pass.js';
import { logged, unlogged } from '../visit/exposures.js';

/**
 * When the page is left before the runtime has started, sends what only the first pass knows to the site's collector
 * with `navigator.sendBeacon`: the exposures of its decisions (a visitor who leaves at once is still counted: intent to
 * treat) and the goals clicked so far (a visitor who clicks "Book a demo" at once still converts). Exposures are marked
 * logged only when the browser accepted the beacon; otherwise the next page view's runtime logs them.
 * @param started whether the runtime has taken over (it then delivers everything itself)
 * @example beaconBeforeRuntime(pass, '/collect', () => !!window.candor)
 */
export function beaconBeforeRuntime(pass: FirstPass, sink: string, started: () => boolean): void {
  addEventListener('pagehide', () => {
    const { visit } = pass;
    const state = visit.state;
    if (started() || !state || !visit.persistent) return;
    const t = visit.now();
    const waiting = unlogged(visit);
    // What an earlier page view showed but did not log, and this page replaced, is logged first (a millisecond earlier).
    const events: CandorEvent[] = waiting.map(({ decision, earlier }) => exposureEvent(decision, state.visitorId, newEventId(crypto), earlier ? t - 1 : t));
    for (const goal of pass.goals) events.push(conversionEvent(state.visitorId, goal, undefined, newEventId(crypto), t));
    try {
      if (events.length && navigator.sendBeacon(sink, JSON.stringify(events))) {
        pass.goals.length = 0;
        logged(visit, waiting.map((u) => u.decision));
        visit.saveNow();
      }
    } catch {
      // No beacon: the next page view's runtime logs the exposures.
    }
  });
}
