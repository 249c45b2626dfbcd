import type { ExplainMessages } from '../core/explain/explain-messages.js';
import type { WidgetHost } from '../widget/widget-host.js';
import type {
  CandorEvent,
  ConsentState,
  Decision,
  Explanation,
  Tier,
  ValidConfig,
} from '../core/types.js';

/** Options of {@link createCandor}. Only `config` is required. */
export interface CandorOptions {
  /** The site's config (JSON or an object). Validated; problems go to one console error with their paths. */
  config: unknown;
  /** URL of the site's own collector: events are batched (keepalive `fetch` while the page is shown, `navigator.sendBeacon` when it is left), and kept in IndexedDB to retry when delivery fails. */
  sink?: string;
  /** Called with every event (exposure, conversion, trust), synchronously. */
  onEvent?: (event: CandorEvent) => void;
  /** Push events to `window.dataLayer` for Google Tag Manager. */
  dataLayer?: boolean;
  /** Send events with Segment-style `window.analytics.track`. */
  segment?: boolean;
  /** The site's own visitor id (a server-set id that survives Safari's 7-day cap, or one shared across subdomains). */
  visitorId?: string;
  /** The site's consent choice, when it has a consent banner. The visitor's own choice in the widget wins. */
  consent?: Tier;
  /** QA: force experiences (`{ hero: 'hero-health' }`); forced decisions are never counted. */
  forced?: Record<string, string>;
  /** Sentences of explanations, for translation (`EXPLAIN_MESSAGES_EN` has every key). */
  messages?: Partial<ExplainMessages>;
  /** The language explanations pick audience reasons in (`de`, `pt-BR`). Default: the page's `<html lang>`. */
  lang?: string;
  /** QA: show the self-identification prompt whatever the drawn share (`?candor-ask`), within consent. */
  forceAsk?: boolean;
  /** The window to read signals and storage from. Default: the global `window`, when there is one (none on a server). */
  window?: Window;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** Events an instance emits through {@link Candor.on}. */
export interface CandorEventMap {
  /** A slot was decided (first time on this page). */
  decision: Decision;
  /** An event was logged (exposure, conversion, trust). */
  event: CandorEvent;
  /** What the visitor should see changed: standard version on/off, data forgotten, or another tab changed state. */
  change: { standard: boolean };
}

/**
 * A running Candor. Its methods are what a site calls; the widget talks to it through {@link Candor.widget}. Every method is safe to call at any time: none throws, and on any problem the visitor sees the standard content.
 * @example
 * const candor = createCandor({ config, sink: '/collect' });
 * const decision = candor.decide('hero');
 * if (decision.experience === 'hero-dev') renderDeveloperHero();
 */
export interface Candor {
  /** The validated config, or null when it was wholly invalid (then every decision is the standard content). */
  readonly config: ValidConfig | null;
  /**
   * Decides a slot: sticky, synchronous, from local state only. Logs the exposure the first time per visitor, slot and
   * config version, and again when a slot that showed its standard content because no audience matched is decided
   * again (after `page()`, `setAttributes` or a consent change) and the visitor now matches. Call it when the slot renders.
   */
  decide(slot: string): Decision;
  /**
   * Explains what a slot shows now (the decision last handed out by {@link Candor.decide} on this page, or what it would
   * show), in plain data and sentences, for your own UI or the widget. Read-only: it never logs, stores or changes a decision.
   * With the script tag, the explanation code comes with the widget file: until it has loaded (the first "Why am I
   * seeing this?" click, or {@link Candor.loadExplanations}), `explain` returns undefined.
   */
  explain(slot: string): Explanation | undefined;
  /**
   * Resolves once {@link Candor.explain} can answer: at once in the npm module; with the script tag, when
   * `candor-widget.min.js` (which carries the explanation code) has loaded. Never rejects: a file that cannot load is
   * reported to the console, and `explain` keeps returning undefined.
   * @example await candor.loadExplanations(); renderWhy(candor.explain('hero'));
   */
  loadExplanations(): Promise<void>;
  /** Records a conversion (and `goals.<goal>` for relationship-tier audiences). */
  track(goal: string, value?: number): void;
  /** Stores what the visitor told you (`declared.<key>`), for keys listed in the config's `declare`. Used from the next decision of a slot. */
  setAttributes(declared: Record<string, string>): void;
  /** Records interest in a topic (`interest.<topic>`, inferred tier; ignored unless consent allows it). */
  recordTopic(topic: string, weight?: number): void;
  /** The visitor's (or site's) consent choice; lowering it deletes what is stored above the new cap. Applies from the next page view. */
  setConsent(tier: Tier): void;
  /** The consent state decisions are made under. */
  consent(): ConsentState;
  /** Shows the standard content in every slot, now and on later visits (a trust event; analysis keeps the assigned arm). */
  showStandard(): void;
  /** Undoes {@link Candor.showStandard}. */
  personalize(): void;
  /** True while the visitor chose the standard version. */
  standard(): boolean;
  /** Deletes everything Candor stored in this browser; the page shows the standard content and the next page view starts fresh. */
  forget(): Promise<void>;
  /** Tells Candor about a client-side navigation (SPA). Default: the current location. */
  page(url?: string): void;
  /** Subscribes to instance events; returns an unsubscribe function. */
  on<K extends keyof CandorEventMap>(type: K, listener: (value: CandorEventMap[K]) => void): () => void;
  /**
   * What the "Why am I seeing this?" widget talks to: pass it to `defineWhyElement`, `defineAskElement` and `openWhy`
   * from `candor/widget` (the script tag's widget finds `window.candor.widget` itself). It also carries what only the
   * widget needs: its options, trust events and the self-identification prompt.
   */
  readonly widget: WidgetHost;
  /** Sends queued events now (the loader also flushes on `pagehide`). */
  flush(): void;
}
