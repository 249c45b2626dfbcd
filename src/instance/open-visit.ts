import { decide as decideSlot, decideReasonIsCounted, fallbackDecision, stickyMismatch, storedDecision, toSticky } from '../core/decide/decide.js';
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
  /** Decisions an earlier page view showed but could not log, replaced on this page by a new decision: logged first. */
  readonly superseded: Decision[];
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
  /**
   * Decides a slot (sticky), as the visitor should see it: the standard content when they chose it. A slot that shows
   * its standard content because no audience matched is decided again when the signals or the consent changed since.
   * Never throws.
   */
  decide(slot: string): Decision;
  /** The decision last handed out for a slot on this page (else `otherwise`), as the visitor sees it now. */
  shown(slot: string, otherwise?: Decision): Decision | undefined;
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
  /** The snapshot and consent tier each decision of this page was made with: a standard-content decision is made again when they change. */
  const madeWith = new WeakMap<Decision, Signals>();
  /** The address last recorded as a page view, and where the browser was then. */
  let recorded: string | undefined;
  let recordedAt: string | undefined;
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
        reportNotice('storage-full', VERBOSE ? 'Candor could not save its state (storage full or blocked); this page view is not remembered.' : '');
      }
    },
    recordPage(url) {
      const { config } = visit;
      const here = safeHref(win);
      // Once per page: a navigation seen first by a slot's decision (a router that renders before Candor hears of it)
      // is not counted again when the runtime reports it.
      if (!visit.state || !config || !win || (url === recorded && here === recordedAt)) return;
      recorded = url;
      recordedAt = here;
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
        // The page's address changed without Candor being told yet (a router rendering on popstate before the runtime
        // hears of it): this page view first, so the decision reads the new address.
        if (win && safeHref(win) !== recordedAt) visit.recordPage(safeHref(win));
        const known = visit.decided.get(slot);
        // Kept on this page, unless it shows the standard content for want of a match and the signals changed since.
        if (known && (madeWith.get(known) === visit.signals() || (known.counterfactual !== BASELINE && known.consent.tier === consent.tier))) return overlay(known);
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
        const snapshot = visit.signals();
        const decision = decideSlot({ config, slot, visitorId: current.visitorId, signals: snapshot, consent, sticky, forced });
        madeWith.set(decision, snapshot);
        visit.decided.set(slot, decision);
        if (sticky?.exposed === false && !decision.sticky && decideReasonIsCounted(decision)) {
          const earlier = storedDecision({ config, slot, visitorId: current.visitorId, signals: snapshot, consent }, sticky);
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
        reportError(
          'internal-error',
          `slots.${slot}`,
          VERBOSE ? `Candor failed while deciding (${String(error)}), so the slot shows its standard content.` : String(error),
          VERBOSE ? 'Please report this with the config.' : '',
        );
        return fallbackDecision(slot, 'invalid-config', config, consent);
      }
    },
    shown(slot, otherwise) {
      const known = visit.decided.get(slot) ?? otherwise;
      return known && overlay(known);
    },
    unexposed(slot) {
      const decision = visit.decided.get(slot);
      const assignment = visit.state?.assignments[slot];
      return !!decision && !decision.forced && decideReasonIsCounted(decision) && assignment?.decisionId === decision.decisionId && assignment.exposed === false;
    },
  };
  /** The decision as the visitor sees it: the standard content after "forget" or when they chose it. */
  const overlay = (decision: Decision): Decision =>
    (visit.state?.standard || visit.forgotten) && !decision.forced
      ? { ...decision, experience: BASELINE, reason: visit.forgotten ? 'forgotten' : 'show-standard', audience: undefined, signals: [] }
      : decision;

  visit.refreshConsent();
  if (win) visit.recordPage(safeHref(win));
  return visit;
}

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
