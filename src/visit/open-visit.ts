import { decide as decideSlot, decideReasonIsCounted, fallbackDecision, stickyMismatch, storedDecision, toSticky } from '../core/decide/decide.js';
import { consentState } from '../core/consent/consent-state.js';
import { conditionSignals } from '../core/conditions/condition-signals.js';
import { BASELINE, type Decision, type Signals, type ValidConfig } from '../core/types.js';
import type { Visit, VisitOptions, VisitRecord } from './visit.js';
import { readSignals, readersFor } from '../signals/read-signals.js';
import { DEFAULT_READERS } from '../signals/default-readers.js';
import { browserSignalEnv } from '../signals/browser-signal-env.js';
import { loadSnapshot, saveSnapshot } from '../storage/snapshot-store.js';
import { resolveVisitor } from '../storage/resolve-visitor.js';
import type { VisitorState } from '../storage/visitor-state.js';
import { recordPageView } from '../storage/record-page-view.js';
import { capMemory } from '../storage/cap-memory.js';
import { reportError, reportNotice } from '../util/report-error.js';

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
 * Opens a page view: reads the stored snapshot, resolves the visitor id and remembers this page view, all synchronously.
 * @example const visit = openVisit({ config, win: window, now: Date.now }); visit.decide('hero');
 */
export function openVisit(options: VisitOptions): Visit {
  const { win, now } = options;
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
    reportNotice('storage-unavailable');
  }
  let state: VisitorState | null;
  try {
    state = win?.crypto ? resolveVisitor(loaded.state, options.visitorId, win.crypto, now()) : null;
  } catch {
    state = null;
  }

  let signals: Signals | null = null;
  /** The snapshot and consent tier each decision of this page was made with: a standard-content decision is made again when they change. */
  const madeWith = new WeakMap<Decision, Signals>();
  /** Slots that keep their standard content on this page view (see `keepStandard`). */
  let kept = new Set<string>();
  /** The address last recorded as a page view, and where the browser was then. */
  let recorded: string | undefined;
  let recordedAt: string | undefined;
  let saveScheduled = false;
  // Only what some rule reads is ever read: audiences (shadow ones included) and eligibility constraints.
  let needed: Set<string> | undefined;
  /** The config `needed` and `signals` were read for: it changes only when the runtime swaps in the validated config. */
  let neededFor: ValidConfig | null | undefined;

  const visit: VisitRecord = {
    win,
    now,
    persistent,
    config: options.config,
    state,
    consent: { tier: 'low', gpc },
    forgotten: false,
    decided: new Map(),
    superseded: [],
    save() {
      if (!persistent || visit.forgotten || !visit.state || saveScheduled) return;
      saveScheduled = true;
      queueMicrotask(() => {
        saveScheduled = false;
        visit.saveNow();
      });
    },
    saveNow() {
      if (persistent && visit.state && !visit.forgotten && !saveSnapshot(storage, visit.state)) {
        reportNotice('storage-full');
      }
    },
    recordPage(url) {
      const here = safeHref(win);
      // Once per page: a navigation seen first by a slot's decision (a router that renders before Candor hears of it)
      // is not counted again when the runtime reports it.
      if (!visit.state || !visit.config || !win || (url === recorded && here === recordedAt)) return;
      recorded = url;
      recordedAt = here;
      kept = new Set();
      visit.state.memory = capMemory(
        recordPageView(visit.state.memory, { url, referrer: safeReferrer(win), sections: visit.config.sections ?? {} }, now()),
        visit.consent.tier,
      );
      signals = null;
      visit.save();
    },
    followAddress() {
      const here = safeHref(win);
      if (win && withoutFragment(here) !== withoutFragment(recordedAt)) visit.recordPage(here);
    },
    signals() {
      if (neededFor !== visit.config) {
        neededFor = visit.config;
        needed = undefined;
        signals = null;
      }
      needed ??= readersFor(
        visit.config
          ? [
              ...Object.values(visit.config.audiences).flatMap((a) => a.signals),
              ...Object.values(visit.config.slots).flatMap((slot) => slot.experiences.flatMap((e) => (e.eligible ? conditionSignals(e.eligible) : []))),
            ]
          : [],
      );
      signals ??= visit.state && visit.config && win ? readSignals(DEFAULT_READERS, browserSignalEnv(win, visit.state.memory, visit.config, now()), visit.consent.tier, needed) : {};
      return signals;
    },
    resetSignals() {
      signals = null;
    },
    refreshConsent() {
      visit.consent = visit.config ? consentState(visit.config, visit.state?.consent ?? options.consent, gpc) : { tier: 'low', gpc };
    },
    decide(slot) {
      const decision = decideNow(slot);
      visit.onDecide?.(slot);
      return decision;
    },
    keepStandard(slot) {
      kept.add(slot);
    },
    shown(slot, otherwise) {
      const known = visit.decided.get(slot) ?? otherwise;
      return known && overlay(known);
    },
  };

  const decideNow = (slot: string): Decision => {
    const { config, state: current, consent } = visit;
    try {
      // The page's address changed without Candor being told yet (a router rendering on popstate before the runtime
      // hears of it): this page view first, so the decision reads the new address.
      visit.followAddress();
      const known = visit.decided.get(slot);
      // Kept on this page, unless it shows the standard content for want of a match and the signals changed since.
      if (known && (madeWith.get(known) === visit.signals() || (known.counterfactual !== BASELINE && known.consent.tier === consent.tier))) return overlay(known);
      if (!config) return fallbackDecision(slot, 'invalid-config', config, consent);
      if (!current || !persistent) return fallbackDecision(slot, 'no-visitor-id', config, consent);
      const sticky = current.assignments[slot];
      if (sticky && stickyMismatch(config, slot, sticky, consent) === 'shares') {
        reportNotice('shares-changed', slot, config.version);
      }
      const forced = options.forced?.[slot];
      const snapshot = visit.signals();
      const decision = decideSlot({ config: config, slot, visitorId: current.visitorId, signals: snapshot, consent: consent, sticky, forced });
      madeWith.set(decision, snapshot);
      visit.decided.set(slot, decision);
      if (sticky?.exposed === false && !decision.sticky && decideReasonIsCounted(decision)) {
        const earlier = storedDecision({ config: config, slot, visitorId: current.visitorId, signals: snapshot, consent: consent }, sticky);
        if (earlier) visit.superseded.push(earlier);
      }
      if (decideReasonIsCounted(decision) && !decision.forced && !(decision.sticky && sticky?.decisionId === decision.decisionId && sticky.exposed === true)) {
        const assignment = toSticky(decision);
        assignment.exposed = decision.sticky && sticky?.exposed === true;
        current.assignments[slot] = assignment;
        visit.save();
      }
      return overlay(decision);
    } catch (error) {
      reportError('internal-error', `slots.${slot}`, error, 'deciding');
      return fallbackDecision(slot, 'invalid-config', config, consent);
    }
  };

  /** The decision as the visitor sees it: the standard content after "forget", when they chose it, or in a late slot. */
  const overlay = (decision: Decision): Decision =>
    (visit.state?.standard || visit.forgotten || kept.has(decision.slot)) && !decision.forced
      ? { ...decision, experience: BASELINE, reason: visit.forgotten ? 'forgotten' : visit.state?.standard ? 'show-standard' : 'late-slot', audience: undefined, signals: [] }
      : decision;

  visit.refreshConsent();
  if (win) visit.recordPage(safeHref(win));
  return visit;
}

const withoutFragment = (href: string | undefined): string | undefined => href?.replace(/#.*/s, '');

/** The page's address, or '' where reading it throws (or on a server). */
export function safeHref(win: Window | undefined): string {
  try {
    return win?.location.href ?? '';
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
