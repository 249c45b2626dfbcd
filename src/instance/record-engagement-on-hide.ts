import { tierAllowed } from '../core/consent/consent-state.js';
import { recordEngagement } from '../storage/record-engagement.js';
import { changeState } from '../visit/continue-visit.js';
import type { Visit } from '../visit/visit.js';

/**
 * Engagement, an inferred (high tier) signal kept only with that consent: the deepest scroll and the visible time of
 * this page view, recorded in the visitor's state each time the page is hidden.
 * @example recordEngagementOnHide(window, visit, Date.now)
 */
export function recordEngagementOnHide(win: Window, visit: Visit, now: () => number): void {
  let depth = 0;
  let visibleSince = now();
  const measure = (): void => {
    const doc = win.document.documentElement;
    const seen = win.scrollY + win.innerHeight;
    depth = Math.max(depth, doc.scrollHeight > 0 ? Math.min(100, Math.round((100 * seen) / doc.scrollHeight)) : 0);
  };
  win.addEventListener('scroll', measure, { passive: true });
  win.document.addEventListener('visibilitychange', () => {
    if (win.document.visibilityState === 'visible') {
      visibleSince = now();
    } else if (visit.state && !visit.forgotten && tierAllowed('high', visit.consent.tier)) {
      measure();
      changeState(visit, (state) => {
        state.memory = recordEngagement(state.memory, { scrollDepth: depth, activeSeconds: (now() - visibleSince) / 1000 }, now());
      });
      visit.saveNow();
    }
  });
}
