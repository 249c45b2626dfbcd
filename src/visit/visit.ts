import type { ConsentState, Decision, Signals, Tier, ValidConfig } from '../core/types.js';
import type { VisitorState } from '../storage/visitor-state.js';

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
 * One page view of one visitor. `src/visit` is its only owner: the config in force, the visitor's state, this page's
 * decisions and the record of which exposures are logged. The script tag's first pass opens it ({@link openVisit})
 * and decides from it; the runtime, or `createCandor`, continues it through the functions of `src/visit`
 * (continue-visit.ts, exposures.ts) and never assigns its fields. Logs nothing itself: a new counted decision waits in
 * `unlogged` until the caller has logged it and said so with `logged`.
 */
export interface Visit {
  readonly win: Window | undefined;
  readonly now: () => number;
  readonly persistent: boolean;
  /** The config in force: what the first pass read, until validation confirms or revokes it (continue-visit.ts). */
  readonly config: ValidConfig | null;
  /** The visitor's state (change it with `changeState`). Null when storage or crypto is unavailable. */
  readonly state: VisitorState | null;
  readonly consent: ConsentState;
  /** Everything was forgotten on this page: only the standard content from now on. */
  readonly forgotten: boolean;
  /** Saves the state at the end of the current task (once, however often it is called). */
  save(): void;
  /** Saves the state now (when the page is being hidden). */
  saveNow(): void;
  /** Remembers a page view (within the consent cap) and forgets the signals read so far. */
  recordPage(url: string): void;
  /**
   * Records the browser's address as a page view if it moved, since the last one recorded, to another page: a change of
   * the `#fragment` alone (an in-page link, a scroll-spy's `replaceState`) is the same page, as for the script tag's
   * history hooks. (`recordPage`, which a hash router's `candor.page(url)` calls, counts any other address.)
   */
  followAddress(): void;
  /** The signal snapshot, read within the consent cap on first use after a change. */
  signals(): Signals;
  /** Forget the signals read so far (they are read again on next use). */
  resetSignals(): void;
  /** Recomputes the consent state after the visitor's or site's choice changed. */
  refreshConsent(): void;
  /**
   * Decides a slot (sticky), as the visitor should see it: the standard content when they chose it. A slot that shows
   * its standard content because no audience matched is decided again when the signals or the consent changed since.
   * Tells the `onDecide` listener. Never throws.
   */
  decide(slot: string): Decision;
  /**
   * The slot keeps its standard content for the rest of this page view, whatever is decided: the script tag's first
   * pass painted it after waiting 300 ms for the slot's closing tag. Its decision stands (stored and logged as intent
   * to treat) and shows from the next page view; until then {@link Visit.decide} and {@link Visit.shown} give the
   * standard content with reason `late-slot`.
   */
  keepStandard(slot: string): void;
  /** The decision last handed out for a slot on this page (else `otherwise`), as the visitor sees it now. */
  shown(slot: string, otherwise?: Decision): Decision | undefined;
}

/**
 * The visit as `src/visit` sees it: fields it may assign, and its record of this page. Nothing outside `src/visit`
 * uses this type. (No `_` names here: the first pass and the runtime are minified apart, so a shortened property name
 * would differ between them.)
 */
export interface VisitRecord extends Omit<Visit, 'config' | 'state' | 'consent' | 'forgotten'> {
  config: ValidConfig | null;
  state: VisitorState | null;
  consent: ConsentState;
  forgotten: boolean;
  /** This page's decisions by slot, as decided (before "show standard" applies). */
  decided: Map<string, Decision>;
  /** Decisions an earlier page view showed but could not log, replaced on this page by a new decision: logged first. */
  superseded: Decision[];
  /** Called after every decision of this page (the runtime logs exposures from there). */
  onDecide?: (slot: string) => void;
}
