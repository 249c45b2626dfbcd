import { decide as decideSlot, decideReasonIsCounted, fallbackDecision, stickyMismatch, toSticky } from '../core/decide/decide.js';
import { consentState } from '../core/consent/consent-state.js';
import { conditionSignals } from '../core/conditions/condition-signals.js';
import { BASELINE, type ConsentState, type Decision, type Signals, type Tier, type ValidConfig } from '../core/types.js';
import { readSignals, readersFor } from '../signals/read-signals.js';
import { DEFAULT_READERS } from '../signals/default-readers.js';
import { browserSignalEnv } from '../signals/browser-signal-env.js';
import { loadSnapshot, saveSnapshot } from '../storage/snapshot-store.js';
import { resolveVisitor } from '../storage/resolve-visitor.js';
import type { VisitorState } from '../storage/visitor-state.js';
import { recordPageView } from '../storage/record-page-view.js';
import { capMemory } from '../storage/cap-memory.js';
import { reportError, reportNotice } from '../util/report-error.js';
import { VERBOSE } from '../core/config/verbose-errors.js';

/** What {@link openVisit} needs: the config (already validated or read), and the site's options that shape decisions. */
export interface VisitOptions {
  config: ValidConfig | null;
  /** The window to read from; undefined on a server, where every decision is the standard content. */
  win: Window | undefined;
  now: () => number;
  visitorId?: string;
  /** The site's consent choice; the visitor's own stored choice wins. */
  consent?: Tier;
  /** QA: forced experiences, never counted. */
  forced?: Record<string, string>;
}

/**
 * One page view of one visitor: local state read synchronously, the page view remembered, signals read on first use,
 * and sticky decisions. Shared by the script tag's first, synchronous pass and by {@link createCandor}, which adds
 * events, IndexedDB and the public API around it. Logs nothing: a new counted decision is left with `exposed: false`
 * in its stored assignment until the exposure is logged ({@link Visit.unexposed}).
 */
export interface Visit {
  readonly win: Window | undefined;
  /** Replaced once when the script tag's runtime validates the config the first pass only read. */
  config: ValidConfig | null;
  readonly persistent: boolean;
  /** The visitor's state; replaced when another tab changes it. Null when storage or crypto is unavailable. */
  state: VisitorState | null;
  consent: ConsentState;
  /** Everything was forgotten on this page: only the standard content from now on. */
  forgotten: boolean;
  readonly now: () => number;
  /** Decisions made on this page, by slot (as decided, before "show standard" applies). */
  readonly decided: Map<string, Decision>;
  /** Saves the state at the end of the current task (once, however often it is called). */
  save(): void;
  /** Saves the state now (when the page is being hidden). */
  saveNow(): void;
  /** Remembers a page view (within the consent cap) and forgets the signals read so far. */
  recordPage(url: string): void;
  /** The signal snapshot, read within the consent cap on first use after a change. */
  signals(): Signals;
  /** Forget the signals read so far (they are read again on next use). */
  resetSignals(): void;
  /** Recomputes the consent state after the visitor's or site's choice changed. */
  refreshConsent(): void;
  /** Decides a slot (sticky), as the visitor should see it: the standard content when they chose it. Never throws. */
  decide(slot: string): Decision;
  /** Whether a counted decision of this page still waits for its exposure to be logged. */
  unexposed(slot: string): boolean;
}

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
    reportNotice(
      'storage-unavailable',
      VERBOSE ? 'this browser blocks storage here (private mode, a sandboxed iframe or disabled storage), so Candor shows the standard content and sends no events.' : '',
    );
  }
  let state: VisitorState | null;
  try {
    state = win?.crypto ? resolveVisitor(loaded.state, options.visitorId, win.crypto, now()) : null;
  } catch {
    state = null;
  }

  let signals: Signals | null = null;
  let saveScheduled = false;
  // Only what some rule reads is ever read: audiences (shadow ones included) and eligibility constraints.
  let needed: Set<string> | undefined;
  /** The config `needed` and `signals` were read for: it changes only when the runtime swaps in the validated config. */
  let neededFor: ValidConfig | null | undefined;

  const visit: Visit = {
    win,
    config: options.config,
    persistent,
    state,
    consent: { tier: 'low', gpc },
    forgotten: false,
    now,
    decided: new Map(),
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
        reportNotice('storage-full', VERBOSE ? 'Candor could not save its state (storage full or blocked); this page view is not remembered.' : '');
      }
    },
    recordPage(url) {
      const { config } = visit;
      if (!visit.state || !config || !win) return;
      visit.state.memory = capMemory(
        recordPageView(visit.state.memory, { url, referrer: safeReferrer(win), sections: config.sections ?? {} }, now()),
        visit.consent.tier,
      );
      signals = null;
      visit.save();
    },
    signals() {
      const { config } = visit;
      if (neededFor !== config) {
        neededFor = config;
        needed = undefined;
        signals = null;
      }
      needed ??= readersFor(
        config
          ? [
              ...Object.values(config.audiences).flatMap((a) => a.signals),
              ...Object.values(config.slots).flatMap((slot) => slot.experiences.flatMap((e) => (e.eligible ? conditionSignals(e.eligible) : []))),
            ]
          : [],
      );
      signals ??= visit.state && config && win ? readSignals(DEFAULT_READERS, browserSignalEnv(win, visit.state.memory, config, now()), visit.consent.tier, needed) : {};
      return signals;
    },
    resetSignals() {
      signals = null;
    },
    refreshConsent() {
      const { config } = visit;
      visit.consent = config ? consentState(config, visit.state?.consent ?? options.consent, gpc) : { tier: 'low', gpc };
    },
    decide(slot) {
      const { config, state: current, consent } = visit;
      try {
        const known = visit.decided.get(slot);
        if (known) return shown(known);
        if (!config) return fallbackDecision(slot, 'invalid-config', config, consent);
        if (!current || !persistent) return fallbackDecision(slot, 'no-visitor-id', config, consent);
        const sticky = current.assignments[slot];
        if (sticky && stickyMismatch(config, slot, sticky, consent) === 'shares') {
          reportNotice(
            'shares-changed',
            VERBOSE
              ? `the holdout, control or explore share of slot "${slot}" changed under config version "${config.version}", so its visitors are decided again. Give a new version whenever shares change.`
              : slot,
          );
        }
        const forced = options.forced?.[slot];
        const decision = decideSlot({ config, slot, visitorId: current.visitorId, signals: visit.signals(), consent, sticky, forced });
        visit.decided.set(slot, decision);
        if (decideReasonIsCounted(decision) && !decision.forced) {
          const assignment = toSticky(decision);
          assignment.exposed = decision.sticky && sticky?.exposed === true;
          current.assignments[slot] = assignment;
          visit.save();
        }
        return shown(decision);
      } catch (error) {
        reportError(
          'internal-error',
          `slots.${slot}`,
          VERBOSE ? `Candor failed while deciding (${String(error)}), so the slot shows its standard content.` : String(error),
          VERBOSE ? 'Please report this with the config.' : '',
        );
        return fallbackDecision(slot, 'invalid-config', config, consent);
      }
    },
    unexposed(slot) {
      const decision = visit.decided.get(slot);
      const assignment = visit.state?.assignments[slot];
      return !!decision && !decision.forced && decideReasonIsCounted(decision) && assignment?.decisionId === decision.decisionId && assignment.exposed === false;
    },
  };
  const shown = (decision: Decision): Decision =>
    (visit.state?.standard || visit.forgotten) && !decision.forced
      ? { ...decision, experience: BASELINE, reason: 'show-standard', audience: undefined, signals: [] }
      : decision;

  visit.refreshConsent();
  if (win) visit.recordPage(safeHref(win));
  return visit;
}

/** The page's address, or '' where reading it throws. */
export function safeHref(win: Window): string {
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
