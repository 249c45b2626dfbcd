/**
 * The shared vocabulary of Candor: config, signals, decisions, explanations and events.
 * Everything here is plain data (JSON-safe), so the loader, the npm module, the widget,
 * the collector and `candor report` all read the same shapes.
 */

/**
 * Data intensity, lowest first.
 * - `low`: this visit only (URL, campaign, referrer, language, device, time).
 * - `relationship`: remembered on this site or told to us (visits, pages viewed, declared answers, goals reached).
 * - `high`: inferred from behaviour (interest scores, engagement).
 */
export type Tier = 'low' | 'relationship' | 'high';

/** The order of tiers, lowest first; `TIERS.indexOf(t)` compares intensity. */
export const TIERS: readonly Tier[] = ['low', 'relationship', 'high'];

/** A MongoDB-style query over the signal snapshot, addressed by dotted paths (`{ "utm.campaign": { "$regex": "^health" } }`). */
export type Condition = Record<string, unknown>;

/** A value a signal can hold. */
export type SignalValue = string | number | boolean | readonly string[] | null;

/** The signal snapshot: dotted signal names (`utm.campaign`, `pages.docs`) to values. Absent = unknown. */
export type Signals = Readonly<Record<string, SignalValue | undefined>>;

/** An audience as the site writes it in config. */
export interface AudienceConfig {
  /** The rule: which visitors are in this audience. */
  when: Condition;
  /**
   * Visitor-facing sentence saying why they see what they see ("You came here from our healthcare campaign."). Required.
   * For a site in several languages, an object of language tags to sentences (`{ "en": "…", "de": "…" }`): the
   * explanation uses the page's language, then its primary subtag (`de` for `de-CH`), then `en`, then the first one.
   */
  reason: string | Record<string, string>;
  /** A stricter tier than the one computed from the signals the rule reads; never a looser one. */
  tier?: Tier;
  /** Evaluated and logged but never used to deliver: answers "what if we had segmented by this?". */
  shadow?: boolean;
  /** Short name for people (reports, debug table); defaults to the id. */
  label?: string;
}

/** A config-defined change, for pages a marketer cannot edit. Nothing here is ever parsed as HTML. */
export interface ChangeConfig {
  /** CSS selector, resolved inside the slot element. */
  selector: string;
  /** Replaces the element's text (textContent). */
  text?: string;
  /** Sets attributes from a safe list: `href`, `src` (http(s) or relative only), `alt`, `class`, `title`, `aria-label`. */
  attrs?: Record<string, string>;
  /** Replaces the element's content with a clone of `<template id="...">` already in the page. */
  template?: string;
}

/** One experience of a slot. */
export interface ExperienceConfig {
  /** Unique within the config; also the `data-candor-experience` template name. */
  id: string;
  /** The audience this experience is targeted at. */
  audience: string;
  /** Hard eligibility constraint (low tier only, e.g. language); when absent every visitor is eligible for exploration. */
  eligible?: Condition;
  /** Changes applied instead of (or besides) a `<template data-candor-experience>`. */
  changes?: ChangeConfig[];
}

/** A page slot: one place where one experience is chosen. */
export interface SlotConfig {
  /** Share of non-holdout visitors who see the standard content in this slot (per-slot control). Default 0.1. */
  control: number;
  /**
   * Share of non-holdout visitors who explore. In coherent slots (the default) exploration is the visitor's: they
   * explore in every coherent slot or in none, and see one randomly drawn audience's experiences (or the standard
   * content) everywhere, so coherent slots must share one `explore` share. Default 0.1.
   */
  explore: number;
  /**
   * Opt out of coherent pages: this slot draws its own control and explore arms, and its exploration picks any eligible
   * experience at random, so a page may show it next to experiences made for another audience. Default false.
   */
  independent?: boolean;
  /** In priority order: targeted visitors get the first whose audience matches. */
  experiences: ExperienceConfig[];
}

/** Consent caps. */
export interface ConsentConfig {
  /** Tier cap before the site sets consent. Default `relationship`. */
  default: Tier;
  /** Tier cap when Global Privacy Control or Do Not Track is on. Default `low`. */
  withGpc: Tier;
  /** When true, the widget offers the visitor the tier choices. */
  ask?: boolean;
}

/** Page-view goals: `{ "demo-booked": { "path": "/thanks" } }` (path prefix). */
export interface GoalConfig {
  path: string;
}

/** Self-identification prompt (ground truth for "does the robot know who's who?"). */
export interface AskConfig {
  /** Becomes `declared.<key>`. */
  key: string;
  question: string;
  /** `[value, visitor-facing label]` pairs, or plain values. */
  options: (string | [string, string])[];
  /** Share of visitors invited, independent of arm. Default 0.02. */
  share: number;
  /** Audience whose answer is compared with inferred segments: maps answer value to the audience ids that should match it. */
  segments?: Record<string, string[]>;
}

/** A site's config, as validated. JSON, so a script tag can carry it. */
export interface Config {
  v: 1;
  /** The config version; pins assignments. A new version re-decides. */
  version: string;
  /** The analysis period; changing it starts a new holdout. */
  salt: string;
  /** Global holdout share: visitors who never see personalization. Default 0.05. */
  holdout: number;
  consent: ConsentConfig;
  audiences: Record<string, AudienceConfig>;
  slots: Record<string, SlotConfig>;
  /** Site sections for `pages.<section>`: section name to path prefix. */
  sections?: Record<string, string>;
  /** Keys allowed for `declared.<key>`. */
  declare?: string[];
  goals?: Record<string, GoalConfig>;
  ask?: AskConfig;
  /** Where the site's privacy notice is; the widget links to it. */
  privacyUrl?: string;
}

/** An audience after validation: its effective tier and the signals its rule reads are computed. */
export interface Audience extends AudienceConfig {
  id: string;
  tier: Tier;
  shadow: boolean;
  /** Signal names the rule reads, in order of first appearance. */
  signals: string[];
}

/** A config after validation, with audiences resolved. */
export interface ValidConfig extends Omit<Config, 'audiences'> {
  audiences: Record<string, Audience>;
}

/** One problem found in a config. */
export interface ConfigError {
  /** Stable code, documented in docs/errors.md. */
  code: string;
  /** JSON path of the problem: `slots.hero.experiences[1].audience`. */
  path: string;
  /** What is wrong, in plain words (empty in the script tag's builds). */
  message: string;
  /** What to do about it (empty in the script tag's builds). */
  fix: string;
}

/** The result of validation: the usable part of the config (null when nothing is usable) and every problem. */
export interface ValidationResult {
  config: ValidConfig | null;
  errors: ConfigError[];
}

/** The visitor's consent state at decision time. */
export interface ConsentState {
  /** The highest tier that may be read, stored and used. */
  tier: Tier;
  /** Global Privacy Control or Do Not Track was on. */
  gpc: boolean;
}

/** Randomized arms. */
export type Arm = 'holdout' | 'control' | 'explore' | 'targeted';

/** The experience id used for a slot's standard content. */
export const BASELINE = 'baseline';

/** Why a decision came out as it did. */
export type ReasonCode =
  | 'global-holdout'
  | 'slot-control'
  | 'explore-pick'
  | 'audience-match'
  | 'no-audience-match'
  | 'forced'
  | 'show-standard'
  | 'forgotten'
  | 'late-slot'
  | 'unknown-slot'
  | 'invalid-config'
  | 'no-visitor-id';

/** A signal a decision used, with the value this browser holds. */
export interface SignalUse {
  /** Dotted name, as in conditions (`utm.campaign`); its visitor-facing label is in the explanation. */
  name: string;
  value: SignalValue | undefined;
  tier: Tier;
}

/** A stored assignment: what keeps a visitor's slot sticky. */
export interface StickyAssignment {
  /** Config version it was made under. */
  version: string;
  /** Key of the shares it was made under (holdout, control, explore); a mismatch re-decides. */
  shares: string;
  /** Consent tier it was made under; a change re-decides. */
  tier: Tier;
  arm: Arm;
  experience: string;
  counterfactual: string;
  propensity: number;
  audience?: string;
  audiences: string[];
  eligible: string[];
  decisionId: string;
  /** The exposure event for this assignment has been logged (once per visitor × slot × config version). */
  exposed?: boolean;
}

/** One slot's decision: what is shown, why, and everything measurement and explanation need. */
export interface Decision {
  slot: string;
  /** Shown experience id; `baseline` for the standard content. */
  experience: string;
  /** Assigned arm (kept for analysis even when the visitor later asks for the standard version). */
  arm: Arm;
  /** What targeting would have shown, in every arm. */
  counterfactual: string;
  /** Marginal probability that this policy shows `experience` to this visitor in this slot, all arms counted. */
  propensity: number;
  /** The audience whose experience is shown (targeted arm only). */
  audience?: string;
  /** Every matched audience id, shadow included, tier-filtered. */
  audiences: string[];
  /** Experiences this visitor was eligible for (exploration picks among these and the baseline). */
  eligible: string[];
  reason: ReasonCode;
  /** Signals the shown audience's rule used (targeted), with values. Empty for random arms. */
  signals: SignalUse[];
  configVersion: string;
  salt: string;
  hashVersion: number;
  /** Unique per decision; sticky decisions keep theirs. */
  decisionId: string;
  /** Came from the visitor's stored assignment. */
  sticky: boolean;
  /** Key of the shares it was made under (holdout/control/explore), copied into the stored assignment. */
  shares?: string;
  /** Forced by QA (`?candor=slot:experience`): never counted. */
  forced?: boolean;
  /** The consent state it was made under. */
  consent: ConsentState;
}

/** What the visitor is told: structured data plus plain sentences. Strings only, never HTML. */
export interface Explanation {
  slot: string;
  experience: string;
  arm: Arm;
  reason: ReasonCode;
  /** One-line headline ("You see this because you came here from our healthcare campaign."). */
  summary: string;
  /** The audience's own visitor-facing reason (in the page's language), only when an audience rule chose what is shown; the summary already says it. */
  audienceReason?: string;
  /** The arm, told plainly. */
  armText: string;
  /** Every signal the rule used, with label, value as text, and intensity. */
  signals: { name: string; label: string; value: string; tier: Tier; tierText: string }[];
  /** Where the data lives and for how long. */
  storage: string;
  /** What is sent to the site. */
  sent: string;
  /** What the visitor can do, as button labels (the same as {@link Explanation.offers}). */
  controls: string[];
  /**
   * Which controls make sense now: `standard` ("Show me the standard version") only while something on the page is
   * personalized, `personalize` only after the visitor chose the standard version, `forget` until the site forgot.
   */
  offers: { standard: boolean; personalize: boolean; forget: boolean };
}

/** Schema version of every event. */
export const EVENT_SCHEMA_VERSION = 1;

/** The fields every event carries. */
export interface EventBase {
  /** Schema version. */
  v: 1;
  /** Unique event id, for de-duplication at the collector. */
  id: string;
  /** The anonymous visitor id (random, stored first-party; or the site's own `visitorId`): the unit of analysis. */
  visitorId: string;
  /** Milliseconds since the epoch. */
  ts: number;
}

/** Logged once per visitor × slot × config version when the slot is rendered, identically in every arm. */
export interface ExposureEvent extends EventBase {
  type: 'exposure';
  /** The decision rendered: the same id for the same decision on every page. */
  decisionId: string;
  /** The page slot. */
  slot: string;
  /** The config version the decision was made under. */
  configVersion: string;
  /** The assignment hash version. */
  hashVersion: number;
  /** The config salt: the analysis period. */
  salt: string;
  /** The randomized arm. */
  arm: Arm;
  /** What was shown (`baseline`: the standard content). */
  experience: string;
  /** What targeting would have shown in this context, whatever the arm. */
  counterfactual: string;
  /** The probability of showing `experience` in this context, for off-policy estimates. */
  propensity: number;
  /** The experiences the visitor was eligible for. */
  eligible: string[];
  /** Audience ids only, shadow included, tier-filtered; empty under GPC/DNT. */
  audiences: string[];
  /** The consent tier decisions were made under. */
  tier: Tier;
  /** Global Privacy Control or Do Not Track was on. */
  gpc: boolean;
}

/** A goal reached (`track(goal, value)`, a config page-view goal, or a click on `data-candor-goal`). */
export interface ConversionEvent extends EventBase {
  type: 'conversion';
  /** The goal's name. */
  goal: string;
  /** The conversion's value (revenue, seats); none counts 1. */
  value?: number;
}

/** What a visitor did about personalization: opened the explanation, asked for the standard version or to be personalized again, asked to be forgotten, answered or dismissed the self-identification prompt. */
export type TrustKind =
  | 'explanation_opened'
  | 'show_standard'
  | 'personalize_again'
  | 'forget'
  | 'ask_answered'
  | 'ask_dismissed';

/** A visitor's trust action, from the widget or the instance's methods. */
export interface TrustEvent extends EventBase {
  type: 'trust';
  /** What the visitor did. */
  kind: TrustKind;
  /** The slot whose explanation it came from, when there is one (none: it applies to every slot). */
  slot?: string;
  /** The config version in force. */
  configVersion?: string;
  /** `ask_answered` only: the declared key and the answer (ground truth). */
  key?: string;
  answer?: string;
  /** `ask_answered` / `ask_dismissed` only: the prompt was forced (`?candor-ask`, `forceAsk`), not randomly invited; the report leaves it out. */
  forced?: true;
}

/** Every event Candor sends to the site's sink (`docs`: events; `events.schema.json` validates them). */
export type CandorEvent = ExposureEvent | ConversionEvent | TrustEvent;
