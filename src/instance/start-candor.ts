import type { validateConfig } from '../core/config/validate-config.js';
import { decide as decideSlot, fallbackDecision } from '../core/decide/decide.js';
import { tierAllowed } from '../core/consent/consent-state.js';
import type { explain } from '../core/explain/explain.js';
import type { Decision, TrustKind } from '../core/types.js';
import { recordGoal } from '../storage/record-goal.js';
import { forgetAll } from '../storage/forget-all.js';
import { conversionEvent, trustEvent } from '../events/build-events.js';
import { newEventId } from '../events/event-id.js';
import { reportError } from '../util/report-error.js';
import type { Candor, CandorOptions } from './candor-api.js';
import { openVisit, safeHref } from '../visit/open-visit.js';
import type { Visit } from '../visit/visit.js';
import { changeState, confirmConfig, forgetVisit, retellDecisions, revokeConfig } from '../visit/continue-visit.js';
import { unloggedElsewhere } from '../visit/unlogged-elsewhere.js';
import { CONFIG_ALREADY_REPORTED } from './config-already-reported.js';
import { reportConfigProblems } from './report-config-problems.js';
import { createListeners } from './listeners.js';
import { followOtherTabs } from './follow-other-tabs.js';
import { deliverEvents } from './deliver-events.js';
import { recordEngagementOnHide } from './record-engagement-on-hide.js';
import { createWidgetHost } from './create-widget-host.js';
import { explainShown } from './explain-shown.js';
import { logDecisions, type LogEvent } from './log-decisions.js';
import { changeConsent, declareAttributes, recordTopicView } from './memory-updates.js';


/**
 * The code an instance runs that the script tag's runtime does not carry, and loads only when it is needed: the
 * validator (`candor-check.min.js`) and the explanations (`candor-explain.min.js`). The npm module has both at hand.
 */
export interface OnDemandCode {
  /** The validator; undefined when the config needs none (the script tag's first pass read a config this browser or `candor check --stamp` already validated). */
  validate: typeof validateConfig | undefined;
  explanations: ExplainSource;
}

/**
 * Where an instance's explanations come from: the npm module has the code at hand; the script tag's runtime leaves it
 * to `candor-explain.min.js`, which most visitors never load.
 */
export interface ExplainSource {
  /** The explanation code, when it is there. */
  current(): typeof explain | undefined;
  /** Makes it be there (the script tag loads the widget file); rejects when it cannot. */
  load(): Promise<void>;
}

/** A page view the script tag's first pass opened, for its runtime to continue ({@link startCandor}). */
export interface FirstPassVisit {
  visit: Visit;
  /** Validation found problems: the script tag restores the standard content (and remembers the config). */
  onInvalid(): void;
  /** Validation found none: the script tag remembers it, so later page views skip validation. */
  onValid(): void;
}

/**
 * `createCandor` with the code it runs given (`code`), optionally continuing a page view the script tag's first pass opened (`continued`): its
 * decisions are kept and their exposures logged now. When validation finds any problem in a config the first pass
 * only read, `onInvalid` is called (the script tag restores the standard content) and the page shows the standard content.
 */
export function startCandor(options: CandorOptions, continued: FirstPassVisit | undefined, { validate, explanations }: OnDemandCode): Candor {
  const firstPass = continued?.visit;
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  const now = options.now ?? (() => Date.now());
  const { emit: emitLocal, on } = createListeners();

  // 1. Config: validated once; every problem reported together, with its path. A config already validated (by this
  //    browser, or stamped by `candor check --stamp`) is not validated again: the first pass read it as validation would.
  const { config, errors } = validate ? validate(options.config) : { config: firstPass?.config ?? null, errors: [] };
  if (options.config !== CONFIG_ALREADY_REPORTED) reportConfigProblems(errors, config, !!firstPass);

  // 2. This page view's local state, read synchronously (never waits on IndexedDB), or the first pass's.
  const visit = firstPass ?? openVisit({ config, win, now, visitorId: options.visitorId, consent: options.consent, forced: options.forced });
  if (continued && errors.length > 0) {
    // The first pass decided from a config it did not validate: nothing it decided is shown, kept or counted.
    revokeConfig(continued.visit);
    continued.onInvalid();
  } else if (continued) {
    confirmConfig(continued.visit, config);
    if (validate) continued.onValid();
  }
  const persistent = visit.persistent;

  // 3. Events: to the site's own sinks only.
  const dispatcher = deliverEvents(options, win, now);
  const counting = (): boolean => persistent && !!visit.state && !visit.forgotten;
  const log: LogEvent = (build) => {
    if (!counting() || !visit.state || !win) return;
    const event = build(visit.state.visitorId, newEventId(win.crypto), now());
    dispatcher.emit(event);
    emitLocal('event', event);
  };
  if (win && persistent) void dispatcher.drainQueue();

  // 4. Goals reached by visiting this page.
  const pageEffects = (url: string): void => {
    if (!visit.state || !visit.config || !win) return;
    for (const [goal, { path }] of Object.entries(visit.config.goals ?? {})) {
      if (pathOf(url).startsWith(path)) track(goal);
    }
  };

  // 5. Decisions: sticky across page views; the exposure is logged with the first one, and again when a slot is
  //    decided again because the visitor came to match an audience.
  const logExposures = logDecisions(visit, log, (decision) => emitLocal('decision', decision));

  const track = (goal: string, value?: number): void => {
    try {
      if (!visit.state) return;
      changeState(visit, (state) => {
        if (tierAllowed('relationship', visit.consent.tier)) state.memory = recordGoal(state.memory, goal, now());
      });
      log((visitorId, id, t) => conversionEvent(visitorId, goal, value, id, t));
    } catch (error) {
      reportError('internal-error', `track('${goal}')`, error, 'track');
    }
  };

  const trust = (kind: TrustKind, slot?: string, extra?: { key?: string; answer?: string; forced?: boolean }): void => {
    try {
      log((visitorId, id, t) => trustEvent(visitorId, kind, id, t, { slot, configVersion: visit.config?.version, ...extra }));
    } catch {
      // Logging a trust event must never break the control the visitor used.
    }
  };

  const setStandard = (standard: boolean): void => {
    if (!visit.state || visit.state.standard === standard) return;
    changeState(visit, (state) => {
      state.standard = standard;
    });
    trust(standard ? 'show_standard' : 'personalize_again');
    emitLocal('change', { standard });
  };

  // 6. Other tabs: a decision, consent or standard-version change made there is seen here.
  if (win && persistent) followOtherTabs(win, visit, (standard) => emitLocal('change', { standard }));

  if (win) {
    // A client-side navigation that only the first pass saw (before the runtime's history hooks), to a view with no
    // slot, is a page view too (once, and not for a `#fragment` change alone).
    visit.followAddress();
    pageEffects(safeHref(win));
  }
  // Decisions the first pass made on this page, as made: their exposures are logged, and `decision` told, once the caller has
  // had the instance for a moment (the script tag runs candorQueue first, so queued listeners hear them).
  if (firstPass) {
    queueMicrotask(() => {
      retellDecisions(firstPass);
    });
  }
  // Exposures an earlier page view decided but could not log (left before the script tag's runtime ran, with no
  // beacon to send them): logged now for the slots this page does not decide, from the assignment that still stands.
  queueMicrotask(() => {
    if (counting()) logExposures(unloggedElsewhere(visit).map((decision) => ({ decision, earlier: false })));
  });

  // 7. Engagement (inferred tier, only with consent): recorded when the page is hidden.
  if (win && persistent && config) recordEngagementOnHide(win, visit, now);

  /** What deciding a slot would give now, without storing, logging or remembering anything. */
  const peek = (slot: string): Decision => {
    const { config: current, state, consent } = visit;
    if (!current) return fallbackDecision(slot, 'invalid-config', current, consent);
    if (!state || !persistent) return fallbackDecision(slot, 'no-visitor-id', current, consent);
    return decideSlot({ config: current, slot, visitorId: state.visitorId, signals: visit.signals(), consent, sticky: state.assignments[slot], forced: options.forced?.[slot] });
  };

  const instance: Candor = {
    get config() {
      return visit.config;
    },
    decide: (slot) => visit.decide(slot),
    explain: (slot) => explainShown(visit, slot, peek, explanations.current(), options, win),
    loadExplanations: () => explanations.load().catch(() => undefined),
    track,
    setAttributes: (declared) => {
      declareAttributes(visit, declared);
    },
    recordTopic: (topic, weight = 1) => {
      recordTopicView(visit, topic, weight, now());
    },
    setConsent: (tier) => {
      if (changeConsent(visit, tier)) emitLocal('change', { standard: instance.standard() });
    },
    consent: () => visit.consent,
    showStandard: () => setStandard(true),
    personalize: () => setStandard(false),
    standard: () => visit.forgotten || !!visit.state?.standard,
    async forget() {
      try {
        trust('forget');
        dispatcher.flush();
        forgetVisit(visit);
        if (win) await forgetAll(win);
      } catch {
        // forgetAll never rejects; this guards the rest.
      }
      emitLocal('change', { standard: true });
    },
    page(url) {
      try {
        if (!win) return;
        const href = url ?? safeHref(win);
        visit.recordPage(href);
        pageEffects(href);
      } catch {
        // Ignored.
      }
    },
    on,
    get widget() {
      return widget;
    },
    flush: () => dispatcher.flush(),
  };

  // What the widget talks to: the site-facing methods it shares, and what only the widget needs.
  const widget = createWidgetHost(instance, visit, trust, options.forceAsk === true);
  return instance;
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return '';
  }
}
