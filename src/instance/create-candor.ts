import { validateConfig } from '../core/config/validate-config.js';
import { formatConfigError } from '../core/config/format-config-error.js';
import { decide as decideSlot, decideReasonIsCounted, fallbackDecision, stickyMismatch, toSticky } from '../core/decide/decide.js';
import { hash } from '../core/decide/hash.js';
import { consentState, tierAllowed } from '../core/consent/consent-state.js';
import { explain as explainDecision } from '../core/explain/explain.js';
import {
  BASELINE,
  type CandorEvent,
  type ConsentState,
  type Decision,
  type Signals,
  type TrustKind,
} from '../core/types.js';
import { readSignals, readersFor } from '../signals/read-signals.js';
import { conditionSignals } from '../core/conditions/condition-signals.js';
import { DEFAULT_READERS } from '../signals/default-readers.js';
import { browserSignalEnv } from '../signals/browser-signal-env.js';
import { loadSnapshot, saveSnapshot } from '../storage/snapshot-store.js';
import { resolveVisitor } from '../storage/resolve-visitor.js';
import type { VisitorState } from '../storage/visitor-state.js';
import { recordPageView } from '../storage/record-page-view.js';
import { recordGoal } from '../storage/record-goal.js';
import { recordInterest } from '../storage/record-interest.js';
import { capMemory } from '../storage/cap-memory.js';
import { forgetAll } from '../storage/forget-all.js';
import { appendHistory, capHistory, closeCandorStore } from '../storage/history-store.js';
import { recordEngagement } from '../storage/record-engagement.js';
import { watchOtherTabs } from '../storage/tab-sync.js';
import { createDispatcher } from '../events/create-dispatcher.js';
import { conversionEvent, exposureEvent, trustEvent } from '../events/build-events.js';
import { newEventId } from '../events/event-id.js';
import { functionSink } from '../events/sinks/function-sink.js';
import { urlSink } from '../events/sinks/url-sink.js';
import { dataLayerSink } from '../events/sinks/data-layer-sink.js';
import { segmentSink } from '../events/sinks/segment-sink.js';
import type { Sink } from '../events/sinks/sink.js';
import { reportError, reportNotice } from '../util/report-error.js';
import type { Candor, CandorEventMap, CandorOptions } from './candor-api.js';

/** Passed as `config` by the script tag when it has already reported why there is no usable config (one console error, not two). */
export const CONFIG_ALREADY_REPORTED = Symbol('candor.config-already-reported');

/** Reads GPC and DNT once per page, as the GPC spec asks. */
function privacySignal(win: Window | undefined): boolean {
  try {
    const nav = win?.navigator;
    return (!!nav && Reflect.get(nav, 'globalPrivacyControl') === true) || nav?.doNotTrack === '1';
  } catch {
    return false;
  }
}

/**
 * Starts Candor: validates the config, reads local state synchronously and returns the instance.
 * Importing Candor touches no browser global; calling this on a server gives an instance whose decisions are the standard content.
 * @example
 * import { createCandor } from 'candor';
 * const candor = createCandor({ config, sink: '/collect' });
 * const { experience } = candor.decide('hero');
 */
export function createCandor(options: CandorOptions): Candor {
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  const now = options.now ?? (() => Date.now());
  const listeners: { [K in keyof CandorEventMap]?: ((value: CandorEventMap[K]) => void)[] } = {};
  const emitLocal = <K extends keyof CandorEventMap>(type: K, value: CandorEventMap[K]): void => {
    for (const fn of listeners[type] ?? []) {
      try {
        fn(value);
      } catch (error) {
        reportError('listener-error', `on('${type}')`, `a listener threw: ${String(error)}.`, 'Catch errors inside your listener.');
      }
    }
  };

  // 1. Config: validated once; every problem reported together, with its path.
  const { config, errors } = validateConfig(options.config);
  if (errors.length > 0 && options.config !== CONFIG_ALREADY_REPORTED) {
    try {
      console.error(
        (config ? 'candor: parts of the config were ignored:\n' : 'candor: the config is unusable, so every slot shows its standard content:\n') +
          errors.map(formatConfigError).join('\n'),
      );
    } catch {
      // No console.
    }
  }

  // 2. Local state, synchronously: never waits on IndexedDB.
  const gpc = privacySignal(win);
  let storage: Storage | undefined;
  try {
    storage = win?.localStorage;
  } catch {
    storage = undefined;
  }
  const loaded = win ? loadSnapshot(storage, now()) : { state: null, persistent: false };
  const persistent = loaded.persistent;
  if (win && !persistent) {
    reportNotice(
      'storage-unavailable',
      'this browser blocks storage here (private mode, a sandboxed iframe or disabled storage), so Candor shows the standard content and sends no events.',
    );
  }
  let state: VisitorState | null = null;
  try {
    state = win?.crypto ? resolveVisitor(loaded.state, options.visitorId, win.crypto, now()) : null;
  } catch {
    state = null;
  }
  let forgotten = false;
  const currentConsent = (): ConsentState =>
    config ? consentState(config, state?.consent ?? options.consent, gpc) : { tier: 'low', gpc };
  let consent = currentConsent();

  let saveScheduled = false;
  const save = (): void => {
    if (!persistent || forgotten || !state || saveScheduled) return;
    saveScheduled = true;
    queueMicrotask(() => {
      saveScheduled = false;
      if (state && !forgotten && !saveSnapshot(storage, state)) {
        reportNotice('storage-full', 'Candor could not save its state (storage full or blocked); this page view is not remembered.');
      }
    });
  };

  // 3. Events: to the site's own sinks only.
  const sinks: Sink[] = [];
  if (options.onEvent) sinks.push(functionSink(options.onEvent));
  if (win && options.sink) sinks.push(urlSink(options.sink, { win }));
  if (win && options.dataLayer) sinks.push(dataLayerSink(win));
  if (win && options.segment) sinks.push(segmentSink(win));
  const dispatcher = win
    ? createDispatcher({ sinks, win, now })
    : { emit: () => undefined, flush: () => undefined, drainQueue: () => Promise.resolve() };
  const counting = (): boolean => persistent && !!state && !forgotten;
  const log = (build: (visitorId: string, id: string, t: number) => CandorEvent): void => {
    if (!counting() || !state || !win) return;
    const event = build(state.visitorId, newEventId(win.crypto), now());
    dispatcher.emit(event);
    emitLocal('event', event);
  };
  if (win && persistent) void dispatcher.drainQueue();

  // 4. This page view: remembered within the consent cap, then signals read within it.
  let signals: Signals | null = null;
  // Only what some rule reads is ever read: audiences (shadow ones included) and eligibility constraints.
  const needed = readersFor(
    config
      ? [
          ...Object.values(config.audiences).flatMap((a) => a.signals),
          ...Object.values(config.slots).flatMap((slot) => slot.experiences.flatMap((e) => (e.eligible ? conditionSignals(e.eligible) : []))),
        ]
      : [],
  );
  const pageView = (url: string): void => {
    if (!state || !config || !win) return;
    const t = now();
    state.memory = capMemory(recordPageView(state.memory, { url, referrer: safeReferrer(win), sections: config.sections ?? {} }, t), consent.tier);
    if (persistent && tierAllowed('relationship', consent.tier)) void appendHistory({ at: t, kind: 'page', value: pathOf(url) }, t);
    signals = null;
    for (const [goal, { path }] of Object.entries(config.goals ?? {})) {
      if (pathOf(url).startsWith(path)) track(goal);
    }
    save();
  };
  const currentSignals = (): Signals => {
    signals ??= state && config && win ? readSignals(DEFAULT_READERS, browserSignalEnv(win, state.memory, config, now()), consent.tier, needed) : {};
    return signals;
  };

  // 5. Decisions: one per slot and page, sticky across page views.
  const decided = new Map<string, Decision>();
  const shown = (decision: Decision): Decision =>
    (state?.standard || forgotten) && !decision.forced
      ? { ...decision, experience: BASELINE, reason: 'show-standard', audience: undefined, signals: [] }
      : decision;

  const decide = (slot: string): Decision => {
    try {
      const known = decided.get(slot);
      if (known) return shown(known);
      if (!config) return fallbackDecision(slot, 'invalid-config', config, consent);
      if (!state || !persistent) return fallbackDecision(slot, 'no-visitor-id', config, consent);
      const sticky = state.assignments[slot];
      if (sticky && stickyMismatch(config, slot, sticky, consent) === 'shares') {
        reportNotice(
          'shares-changed',
          `the holdout, control or explore share of slot "${slot}" changed under config version "${config.version}", so its visitors are decided again. Give a new version whenever shares change.`,
        );
      }
      const forced = options.forced?.[slot];
      const decision = decideSlot({ config, slot, visitorId: state.visitorId, signals: currentSignals(), consent, sticky, forced });
      decided.set(slot, decision);
      if (decideReasonIsCounted(decision) && !decision.forced) {
        const assignment = toSticky(decision);
        assignment.exposed = decision.sticky && sticky?.exposed === true;
        state.assignments[slot] = assignment;
        if (!assignment.exposed) {
          // Intent to treat: the assigned decision is logged, in every arm, before anything it may cause.
          log((visitorId, id, t) => exposureEvent(decision, visitorId, id, t));
          assignment.exposed = true;
        }
        save();
      }
      emitLocal('decision', decision);
      return shown(decision);
    } catch (error) {
      reportError('internal-error', `slots.${slot}`, `Candor failed while deciding (${String(error)}), so the slot shows its standard content.`, 'Please report this with the config.');
      return fallbackDecision(slot, 'invalid-config', config, consent);
    }
  };

  const track = (goal: string, value?: number): void => {
    try {
      if (!state) return;
      if (tierAllowed('relationship', consent.tier)) state.memory = recordGoal(state.memory, goal, now());
      log((visitorId, id, t) => conversionEvent(visitorId, goal, value, id, t));
      save();
    } catch (error) {
      reportError('internal-error', `track('${goal}')`, String(error), 'Please report this.');
    }
  };

  const trust = (kind: TrustKind, slot?: string, extra?: { key?: string; answer?: string }): void => {
    try {
      log((visitorId, id, t) => trustEvent(visitorId, kind, id, t, { slot, configVersion: config?.version, ...extra }));
    } catch {
      // Logging a trust event must never break the control the visitor used.
    }
  };

  const setStandard = (standard: boolean): void => {
    if (!state || state.standard === standard) return;
    state.standard = standard;
    save();
    trust(standard ? 'show_standard' : 'personalize_again');
    emitLocal('change', { standard });
  };

  // 6. Other tabs: a decision, consent or standard-version change made there is seen here.
  if (win && persistent) {
    watchOtherTabs(win, (other) => {
      if (!state || forgotten) return;
      if (other?.visitorId !== state.visitorId) {
        // Forgotten in another tab: let go of IndexedDB so the database can really be deleted.
        void closeCandorStore();
        forgotten = true;
        emitLocal('change', { standard: true });
        return;
      }
      const wasStandard = !!state.standard;
      state = other;
      consent = currentConsent();
      signals = null;
      if (!!state.standard !== wasStandard) emitLocal('change', { standard: !!state.standard });
    });
  }

  if (win) pageView(safeHref(win));

  // 7. Engagement (inferred tier, only with consent): deepest scroll and visible time, recorded when the page is hidden.
  if (win && persistent && config) {
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
      } else if (state && !forgotten && tierAllowed('high', consent.tier)) {
        measure();
        state.memory = recordEngagement(state.memory, { scrollDepth: depth, activeSeconds: (now() - visibleSince) / 1000 }, now());
        saveSnapshot(storage, state);
      }
    });
  }

  const instance: Candor = {
    config,
    decide,
    explain(slot) {
      try {
        return config ? explainDecision(decide(slot), config, options.messages) : undefined;
      } catch {
        return undefined;
      }
    },
    track,
    setAttributes(declared) {
      try {
        if (!state || !config || !tierAllowed('relationship', consent.tier)) return;
        const allowed = config.declare ?? [];
        for (const [key, value] of Object.entries(declared)) {
          if (!allowed.includes(key)) {
            reportError('undeclared-attribute', `setAttributes.${key}`, `"${key}" is not listed in the config's "declare".`, `Add "${key}" to "declare" in the config, or stop sending it.`);
          } else if (typeof value === 'string' && value.length <= 200) {
            state.memory.declared[key] = value;
          }
        }
        signals = null;
        save();
      } catch {
        // Ignored: nothing the visitor sees depends on it this page view.
      }
    },
    recordTopic(topic, weight = 1) {
      try {
        if (!state || !tierAllowed('high', consent.tier)) return;
        state.memory = recordInterest(state.memory, topic, weight, now());
        save();
      } catch {
        // Ignored.
      }
    },
    setConsent(tier) {
      try {
        if (!state || !config) return;
        state.consent = tier;
        consent = currentConsent();
        state.memory = capMemory(state.memory, consent.tier);
        void capHistory(consent.tier, now());
        signals = null;
        save();
        emitLocal('change', { standard: instance.standard() });
      } catch {
        // Ignored.
      }
    },
    consent: () => consent,
    showStandard: () => setStandard(true),
    personalize: () => setStandard(false),
    standard: () => forgotten || !!state?.standard,
    async forget() {
      try {
        trust('forget');
        dispatcher.flush();
        forgotten = true;
        if (win) await forgetAll(win);
      } catch {
        // forgetAll never rejects; this guards the rest.
      }
      emitLocal('change', { standard: true });
    },
    page(url) {
      try {
        if (win) pageView(url ?? safeHref(win));
      } catch {
        // Ignored.
      }
    },
    on(type, listener) {
      const list = (listeners[type] ??= []) as (typeof listener)[];
      list.push(listener);
      return () => {
        const index = list.indexOf(listener);
        if (index >= 0) list.splice(index, 1);
      };
    },
    trust: (kind, slot) => trust(kind, slot),
    options: () => ({ consentChoices: config?.consent.ask === true, privacyUrl: config?.privacyUrl, ask: config?.ask }),
    askEligible() {
      if (!config?.ask || !state || forgotten || !tierAllowed('relationship', consent.tier)) return false;
      if (options.forceAsk) return true;
      return !state.asked && hash(config.salt + ':ask', state.visitorId) < config.ask.share;
    },
    answerAsk(value) {
      try {
        const ask = config?.ask;
        if (!state || !ask) return;
        state.asked = true;
        if (value === null) {
          trust('ask_dismissed');
        } else {
          if (tierAllowed('relationship', consent.tier)) state.memory.declared[ask.key] = value;
          trust('ask_answered', undefined, { key: ask.key, answer: value });
        }
        signals = null;
        save();
      } catch {
        // Ignored.
      }
    },
    flush: () => dispatcher.flush(),
  };
  return instance;
}

function safeHref(win: Window): string {
  try {
    return win.location.href;
  } catch {
    return '';
  }
}

function safeReferrer(win: Window): string {
  try {
    return win.document.referrer;
  } catch {
    return '';
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return '';
  }
}
