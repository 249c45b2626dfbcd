import { hash } from '../core/decide/hash.js';
import { tierAllowed } from '../core/consent/consent-state.js';
import type { TrustKind } from '../core/types.js';
import type { WidgetHost } from '../widget/widget-host.js';
import { changeState } from '../visit/continue-visit.js';
import type { Visit } from '../visit/visit.js';
import type { Candor } from './candor-api.js';

/** Logs a trust event (the visitor used a control of the widget). */
export type LogTrust = (kind: TrustKind, slot?: string, extra?: { key?: string; answer?: string; forced?: boolean }) => void;

/**
 * What the "Why am I seeing this?" widget talks to (`candor.widget`): the site-facing methods it shares with the
 * instance, and what only the widget needs (its options, the question to ask and the answer).
 * @param forceAsk `?candor-ask` / `forceAsk`: the question is shown to this visitor whatever the draw (marked in events)
 * @example const widget = createWidgetHost(instance, visit, trust, false)
 */
export function createWidgetHost(instance: Candor, visit: Visit, trust: LogTrust, forceAsk: boolean): WidgetHost {
  return {
  explain: (slot) => instance.explain(slot),
  showStandard: () => {
    instance.showStandard();
  },
  personalize: () => {
    instance.personalize();
  },
  standard: () => instance.standard(),
  forget: () => instance.forget(),
  consent: () => instance.consent(),
  setConsent: (tier) => {
    instance.setConsent(tier);
  },
  trust: (kind, slot) => {
    trust(kind, slot);
  },
  options: () => ({ consentChoices: visit.config?.consent.ask === true, privacyUrl: visit.config?.privacyUrl, ask: visit.config?.ask }),
  askEligible() {
    const { config, state } = visit;
    if (!config?.ask || !state || visit.forgotten || !tierAllowed('relationship', visit.consent.tier)) return false;
    if (forceAsk) return true;
    return !state.asked && hash(config.salt + ':ask', state.visitorId) < config.ask.share;
  },
  answerAsk(value) {
    try {
      const { state, config } = visit;
      const ask = config?.ask;
      if (!state || !config || !ask) return;
      // Shown only because of ?candor-ask / forceAsk: marked, so the report keeps it out of the random sample.
      const forced = forceAsk && (state.asked === true || hash(config.salt + ':ask', state.visitorId) >= ask.share);
      changeState(visit, (changed) => {
        changed.asked = true;
        if (value !== null && tierAllowed('relationship', visit.consent.tier)) changed.memory.declared[ask.key] = value;
      });
      if (value === null) trust('ask_dismissed', undefined, { forced });
      else trust('ask_answered', undefined, { key: ask.key, answer: value, forced });
      visit.resetSignals();
    } catch {
      // Ignored.
    }
  },
};
}
