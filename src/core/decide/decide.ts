import { evaluateCondition } from '../conditions/evaluate-condition.js';
import { tierAllowed } from '../consent/consent-state.js';
import { signalTier } from '../signals/signal-tiers.js';
import {
  BASELINE,
  TIERS,
  type Arm,
  type Audience,
  type ConsentState,
  type Decision,
  type ExperienceConfig,
  type ReasonCode,
  type SignalUse,
  type Signals,
  type StickyAssignment,
  type Tier,
  type ValidConfig,
} from '../types.js';
import { HASH_VERSION, hash, hash32 } from './hash.js';

/** Everything one decision depends on. Nothing else is read: no clock, no randomness, no browser. */
export interface DecideInput {
  config: ValidConfig;
  slot: string;
  /** The visitor's first-party random id (the randomization unit). */
  visitorId: string;
  /** The signal snapshot, read within the consent cap. Treated as immutable: build a new object for new values. */
  signals: Signals;
  consent: ConsentState;
  /** The visitor's stored assignment for this slot, if any. */
  sticky?: StickyAssignment;
  /** QA: an experience id of this slot (or `baseline`) to show regardless of arms; never counted. */
  forced?: string;
}

const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);
/** Own-key lookup, so a slot or audience called `constructor` or `toString` is never found on the prototype. */
const own = <T>(record: Record<string, T>, key: string): T | undefined => (hasOwn(record, key) ? record[key] : undefined);

/**
 * The key of the analysis period, decision model and shares a slot's assignment depends on:
 * `salt|2|holdout/control/explore`, with `|i` for an independent slot. Stored with each assignment; a stored assignment
 * made in another period (salt), under another decision model or under other shares is decided again.
 * @example sharesKey(config, 'hero') // 'acme-q4|2|0.05/0.1/0.1'
 */
export function sharesKey(config: ValidConfig, slot: string): string {
  const s = own(config.slots, slot);
  return s ? sharesOf(config.salt, config.holdout, s.control, s.explore, s.independent === true) : `${config.salt}|2|${config.holdout}/-/-`;
}

/** The shares key of {@link sharesKey}. */
const sharesOf = (salt: string, h: number, c: number, e: number, independent: boolean): string => `${salt}|2|${h}/${c}/${e}${independent ? '|i' : ''}`;

/**
 * Why a stored assignment cannot be kept: `version` (a new config version or a new salt: a new analysis period), `shares` (the holdout, control or
 * explore share changed under the same version: say so once, the site should have given a new version),
 * `tier` (the consent cap changed), or null when it still stands.
 * @example if (stickyMismatch(config, 'hero', stored, consent) === 'shares') warnOnce('shares-changed')
 */
export function stickyMismatch(
  config: ValidConfig,
  slot: string,
  sticky: StickyAssignment,
  consent: ConsentState,
): 'version' | 'shares' | 'tier' | null {
  if (sticky.version !== config.version) return 'version';
  // A new salt is a new analysis period: decided again, like a new version.
  if (sticky.shares !== sharesKey(config, slot)) return sticky.shares.startsWith(config.salt + '|2|') ? 'shares' : 'version';
  if (sticky.tier !== consent.tier) return 'tier';
  return null;
}

/**
 * Whether a decision is a real assignment that is stored, logged as an exposure and analysed: false for QA-forced
 * decisions and for the fallbacks (unknown slot, invalid config, no visitor id).
 * @example if (decideReasonIsCounted(d)) logExposure(d)
 */
export function decideReasonIsCounted(d: Decision): boolean {
  return (
    d.forced !== true &&
    d.reason !== 'forced' &&
    d.reason !== 'unknown-slot' &&
    d.reason !== 'invalid-config' &&
    d.reason !== 'no-visitor-id'
  );
}

/**
 * The stored form of a decision, which keeps the slot's assignment across page views (see {@link decide}).
 * @example state.assignments[d.slot] = toSticky(d)
 */
export function toSticky(decision: Decision): StickyAssignment {
  const sticky: StickyAssignment = {
    version: decision.configVersion,
    shares: decision.shares ?? '',
    tier: decision.consent.tier,
    arm: decision.arm,
    experience: decision.experience,
    counterfactual: decision.counterfactual,
    propensity: decision.propensity,
    audiences: decision.audiences.slice(),
    eligible: decision.eligible.slice(),
    decisionId: decision.decisionId,
  };
  if (decision.audience !== undefined) sticky.audience = decision.audience;
  return sticky;
}

/*
 * One-entry memos of pure functions. Every slot on a page is decided for the same visitor with the same snapshot,
 * so the visitor's draws and the audience memberships are computed once per page instead of once per slot.
 * Keys are compared by identity (snapshot, audiences) or value (salt, id, tier): the results cannot go stale
 * unless a caller mutates a snapshot or a config in place, which the types forbid.
 */
let drawsSalt: string | undefined;
let drawsId: string | undefined;
let holdoutDraw = 0;
let explorerDraw = 0;
let pickDraw = 0;
let matchedFor: Record<string, Audience> | undefined;
let matchedSignals: Signals | undefined;
let matchedTier: Tier | undefined;
let matchedIds: string[] = [];
let matchedSet = new Set<string>();
let explorableFor: ValidConfig['slots'] | undefined;
let explorableAudiences: Record<string, Audience> | undefined;
let explorable: string[] = [];

/**
 * The visitor's own draws, once per visitor and salt and the same in every slot: the global holdout (32-bit integer
 * `hash(salt:holdout, id)` × 2^32), whether they explore, and which audience exploration shows them.
 */
function visitorDraws(salt: string, visitorId: string): void {
  if (salt !== drawsSalt || visitorId !== drawsId) {
    holdoutDraw = hash32(salt + ':holdout', visitorId);
    explorerDraw = hash(salt + ':explorer', visitorId);
    pickDraw = hash(salt + ':explore-pick', visitorId);
    drawsSalt = salt;
    drawsId = visitorId;
  }
}

/**
 * The audiences exploration picks from (config order): every non-shadow audience with an experience in a slot that
 * is not `independent`. A visitor who explores gets one of them, or none, with equal chances, in every such slot.
 */
function explorableOf(config: ValidConfig): string[] {
  if (config.slots !== explorableFor || config.audiences !== explorableAudiences) {
    const targeted = new Set<string>();
    for (const name in config.slots) {
      const s = config.slots[name];
      if (s && !s.independent) for (const e of s.experiences) targeted.add(e.audience);
    }
    explorable = Object.keys(config.audiences).filter((id) => targeted.has(id) && !config.audiences[id]?.shadow);
    explorableFor = config.slots;
    explorableAudiences = config.audiences;
  }
  return explorable;
}

/** Every audience (config order, shadow included) whose tier the cap allows and whose rule matches. Above the cap nothing is read. */
function matchedAudiences(audiences: Record<string, Audience>, signals: Signals, cap: Tier): string[] {
  if (audiences !== matchedFor || signals !== matchedSignals || cap !== matchedTier) {
    const ids: string[] = [];
    const rank = TIERS.indexOf(cap);
    // for-in visits own keys here (configs are plain JSON objects), so no own-key check is needed.
    for (const id in audiences) {
      const a = audiences[id];
      if (!a) continue;
      const t = TIERS.indexOf(a.tier); // an unknown tier is never allowed
      if (t >= 0 && t <= rank && evaluateCondition(a.when, signals)) ids.push(id);
    }
    matchedIds = ids;
    matchedSet = new Set(ids);
    matchedFor = audiences;
    matchedSignals = signals;
    matchedTier = cap;
  }
  return matchedIds;
}

/** Tier lookups, memoized: signal names come from configs, so the map stays small. */
const tiers = new Map<string, Tier | undefined>();
function tierOf(name: string): Tier | undefined {
  if (!tiers.has(name)) {
    if (tiers.size > 1000) tiers.clear();
    tiers.set(name, signalTier(name));
  }
  return tiers.get(name);
}

/** Every signal an audience's rule reads, with this browser's value and its tier. */
function signalUses(audience: Audience | undefined, signals: Signals): SignalUse[] {
  const uses: SignalUse[] = [];
  if (!audience) return uses;
  for (const name of audience.signals) uses.push({ name, value: own(signals, name), tier: tierOf(name) ?? audience.tier });
  return uses;
}

/** Char code of the hex digit of the 4 bits of `n` at `shift`. */
const hex = (n: number, shift: number): number => {
  const d = (n >>> shift) & 15;
  return d < 10 ? 48 + d : 87 + d;
};
/** Two 32-bit numbers as 16 lowercase hex digits, built in one step (toString(16) + padStart is several times slower). */
const hex16 = (a: number, b: number): string =>
  String.fromCharCode(
    hex(a, 28), hex(a, 24), hex(a, 20), hex(a, 16), hex(a, 12), hex(a, 8), hex(a, 4), hex(a, 0),
    hex(b, 28), hex(b, 24), hex(b, 20), hex(b, 16), hex(b, 12), hex(b, 8), hex(b, 4), hex(b, 0),
  );
/** XORed into the decision id's second half by consent tier (index + 1; 0 for an unknown tier). */
const TIER_MIX = [0x2545f491, 0, 0x9e3779b9, 0x6a09e667];

const STICKY_REASON: Record<Arm, ReasonCode> = {
  holdout: 'global-holdout',
  control: 'slot-control',
  explore: 'explore-pick',
  targeted: 'audience-match',
};

/** A stored assignment can be replayed only if what it names still exists and is allowed. */
function replayable(s: StickyAssignment, config: ValidConfig, experiences: ExperienceConfig[], cap: Tier): boolean {
  if (!hasOwn(STICKY_REASON, s.arm) || typeof s.propensity !== 'number' || typeof s.decisionId !== 'string') return false;
  if (!Array.isArray(s.audiences) || !Array.isArray(s.eligible)) return false;
  if (s.experience !== BASELINE && !experiences.some((e) => e.id === s.experience)) return false;
  if (s.audience === undefined) return true;
  const a = own(config.audiences, s.audience);
  return !!a && tierAllowed(a.tier, cap);
}

/** The non-shadow audiences of a slot's experiences, in order, once each: what an independent slot explores over. */
function slotAudiences(config: ValidConfig, experiences: ExperienceConfig[]): string[] {
  const ids: string[] = [];
  for (const e of experiences) if (!ids.includes(e.audience) && !own(config.audiences, e.audience)?.shadow) ids.push(e.audience);
  return ids;
}

/** What exploration shows in a slot for the explorable audience `audience` (undefined: none): its first eligible experience, else the standard content. */
function exploreShows(experiences: ExperienceConfig[], audience: string | undefined, eligible: string[]): string {
  if (audience !== undefined) for (const e of experiences) if (e.audience === audience && eligible.includes(e.id)) return e.id;
  return BASELINE;
}

/**
 * A decision that shows the standard content and is never counted (arm `control`, propensity 1): what every fallback
 * gives (unknown slot, invalid config, no visitor id). Exported so the edges fall back exactly as `decide` does.
 * @example if (!config) return fallbackDecision('hero', 'invalid-config', null, consent)
 */
export function fallbackDecision(slot: string, reason: ReasonCode, config: ValidConfig | null | undefined, consent: ConsentState): Decision {
  return {
    slot,
    experience: BASELINE,
    arm: 'control',
    counterfactual: BASELINE,
    propensity: 1,
    audience: undefined,
    audiences: [],
    eligible: [],
    reason,
    signals: [],
    configVersion: config?.version ?? '',
    salt: config?.salt ?? '',
    hashVersion: HASH_VERSION,
    decisionId: '',
    sticky: false,
    forced: false,
    consent,
  };
}

function uncounted(input: DecideInput, reason: ReasonCode): Decision {
  const given = input as Partial<DecideInput> | null | undefined;
  return fallbackDecision(given?.slot ?? '', reason, given?.config, input.consent);
}

/** A stored assignment as this page view's decision (kept: `sticky: true`). */
function replay(input: DecideInput, sticky: StickyAssignment, shares: string): Decision {
  const { config, slot, signals, consent } = input;
  const audience = sticky.arm === 'targeted' && sticky.audience !== undefined ? sticky.audience : undefined;
  return {
    slot,
    experience: sticky.experience,
    arm: sticky.arm,
    counterfactual: sticky.counterfactual,
    propensity: sticky.propensity,
    audience,
    audiences: sticky.audiences.slice(),
    eligible: sticky.eligible.slice(),
    reason: sticky.arm === 'targeted' && audience === undefined ? 'no-audience-match' : STICKY_REASON[sticky.arm],
    signals: audience === undefined ? [] : signalUses(own(config.audiences, audience), signals),
    configVersion: config.version,
    salt: config.salt,
    hashVersion: HASH_VERSION,
    decisionId: sticky.decisionId,
    sticky: true,
    shares,
    forced: false,
    consent,
  };
}

/**
 * A stored assignment as it stands, without deciding anything again: what an earlier page view decided and showed,
 * for logging its exposure late. Undefined when it no longer applies (another version, shares or tier, or what it
 * names is gone).
 * @example const d = storedDecision({ config, slot, visitorId, signals, consent }, state.assignments.hero)
 */
export function storedDecision(input: DecideInput, sticky: StickyAssignment): Decision | undefined {
  try {
    const slotConfig = own(input.config.slots, input.slot);
    if (!slotConfig || stickyMismatch(input.config, input.slot, sticky, input.consent) !== null) return undefined;
    if (!replayable(sticky, input.config, slotConfig.experiences, input.consent.tier)) return undefined;
    return replay(input, sticky, sharesKey(input.config, input.slot));
  } catch {
    return undefined;
  }
}

function decideSlot(input: DecideInput): Decision {
  const { config, slot, visitorId, signals, consent, sticky, forced } = input;
  const cap = consent.tier;

  // 1. Unknown slot (or no visitor to randomize): the standard content, not counted.
  const slotConfig = own(config.slots, slot);
  if (!slotConfig) return uncounted(input, 'unknown-slot');
  if (typeof visitorId !== 'string' || visitorId === '') return uncounted(input, 'no-visitor-id');
  const experiences = slotConfig.experiences;
  const h = config.holdout;
  const c = slotConfig.control;
  const eps = slotConfig.explore;
  const independent = slotConfig.independent === true;
  const shares = sharesOf(config.salt, h, c, eps, independent);
  const forcedOk = forced !== undefined && (forced === BASELINE || experiences.some((e) => e.id === forced));

  // 2. Sticky: a stored assignment under the same version, shares and consent tier stands. What it shows is kept,
  //    except the standard content shown because targeting had nothing: that is decided again (step 3) in the same arm.
  const kept =
    !forcedOk &&
    sticky?.version === config.version &&
    sticky.shares === shares &&
    sticky.tier === cap &&
    replayable(sticky, config, experiences, cap)
      ? sticky
      : undefined;
  if (kept && kept.counterfactual !== BASELINE) return replay(input, kept, shares);

  // 3. The logged context: matched audiences (tier-capped), eligible experiences, and what targeting would show.
  const audiences = matchedAudiences(config.audiences, signals, cap);
  const eligible: string[] = [];
  for (const e of experiences) if (!e.eligible || evaluateCondition(e.eligible, signals)) eligible.push(e.id);
  let target: ExperienceConfig | undefined;
  for (const e of experiences) {
    // Matched ids are own keys of config.audiences, so the lookup after `has` needs no own-key check.
    if (matchedSet.has(e.audience) && !config.audiences[e.audience]?.shadow && eligible.includes(e.id)) {
      target = e;
      break;
    }
  }
  // Still nothing to target: the kept assignment stands as it was.
  if (kept && !target) return replay(input, kept, shares);
  const counterfactual = target ? target.id : BASELINE;

  let arm: Arm;
  let experience: string;
  let reason: ReasonCode;
  let audience: string | undefined;
  let propensity: number;

  // The visitor's draws (holdout, explorer, explore pick: once per salt) and the slot's control draw (salt, slot).
  visitorDraws(config.salt, visitorId);
  const held = holdoutDraw;
  // The decision id: the version, slot and counterfactual with the holdout draw, 64 bits; the consent tier is mixed
  // in, so a new cap, a new version or a visitor who comes to match gets a new id.
  const decisionId = hex16(hash32(`${config.salt}:${config.version}:${slot}:${counterfactual}`, visitorId), held ^ (TIER_MIX[TIERS.indexOf(cap) + 1] ?? 0));
  // Exploration draws one audience (or none) to show. In a coherent slot the draws are the visitor's, the same in every
  // coherent slot; an independent slot has its own, over its own audiences.
  const pickable = independent ? slotAudiences(config, experiences) : explorableOf(config);
  const explores = (independent ? hash(`${config.salt}:${slot}:explorer`, visitorId) : explorerDraw) < eps;
  const pickIndex = Math.floor((independent ? hash(`${config.salt}:${slot}:explore`, visitorId) : pickDraw) * (pickable.length + 1));

  if (forcedOk) {
    // 4. Forced by QA: shown as asked, never counted.
    arm = 'targeted';
    experience = forced;
    reason = 'forced';
    propensity = 1;
  } else {
    if (kept) {
      // 5'. Decided again in the arm drawn before: targeting now has something to show.
      arm = kept.arm;
      experience = arm === 'targeted' ? counterfactual : kept.experience;
    } else if (held / 4294967296 < h) {
      // 5. Global holdout: the standard content in every slot.
      arm = 'holdout';
      experience = BASELINE;
    } else if (explores) {
      // 6. Explore: the drawn audience's first eligible experience here, else the standard content.
      arm = 'explore';
      experience = exploreShows(experiences, pickable[pickIndex], eligible);
    } else {
      // 7. This slot's control draw among those who do not explore, else targeted.
      arm = hash(`${config.salt}:${slot}:arm`, visitorId) < c / (1 - eps) ? 'control' : 'targeted';
      experience = arm === 'control' ? BASELINE : counterfactual;
    }
    // 8. Targeted: the first eligible experience whose (non-shadow, allowed) audience matches, else the standard content.
    if (arm === 'targeted') audience = target?.audience;
    reason = arm === 'targeted' ? (target ? 'audience-match' : 'no-audience-match') : STICKY_REASON[arm];
    // 9. Marginal propensity of what is shown, all arms counted (docs/measurement.md §4.5).
    const base = experience === BASELINE;
    let ways = 0;
    for (let k = 0; k <= pickable.length; k++) if (exploreShows(experiences, pickable[k], eligible) === experience) ways++;
    propensity = (base ? h : 0) + (1 - h) * ((base ? c : 0) + (eps * ways) / (pickable.length + 1) + (experience === counterfactual ? 1 - c - eps : 0));
  }

  return {
    slot,
    experience,
    arm,
    counterfactual,
    propensity,
    audience,
    audiences: audiences.slice(),
    eligible,
    reason,
    signals: audience === undefined ? [] : signalUses(own(config.audiences, audience), signals),
    configVersion: config.version,
    salt: config.salt,
    hashVersion: HASH_VERSION,
    decisionId,
    sticky: false,
    shares,
    forced: reason === 'forced',
    consent,
  };
}

/**
 * Decides what one slot shows, following docs/measurement.md §1.1 with the visitor-level model of docs/assignment.md.
 * Pure and synchronous, and it never throws: on any problem the slot shows its standard content (`baseline`) with a
 * reason code.
 *
 * Steps: (1) an unknown slot shows the standard content (`unknown-slot`); (2) a stored assignment under the same
 * config version, shares and consent tier is kept (`sticky: true`), unless it shows the standard content because
 * targeting had nothing to show: then (3) the context is computed (every matched audience allowed by the consent cap,
 * the eligible experiences, the counterfactual: what targeting shows) and, if targeting now has an experience, the
 * slot is decided again in the arm drawn before (a new decision, to log); (4) a QA-forced experience is shown
 * (`forced`); (5) `hash(salt:holdout, id) < holdout` puts the visitor in the global holdout (the standard content
 * everywhere); (6) a visitor explores when their explore draw is below `explore`: in a coherent slot (the default) the
 * draw is the visitor's, `hash(salt:explorer, id)`, so they explore in every coherent slot or in none, and every
 * coherent slot shows the experience of one audience drawn once per visitor (`hash(salt:explore-pick, id)` over the
 * explorable audiences and "none"), else its standard content; an `independent` slot has its own draws
 * (`salt:slot:explorer`, `salt:slot:explore`) over its own audiences; (7) the others are in this slot's control when
 * `hash(salt:slot:arm, id) < control / (1 − explore)`, else targeted;
 * (8) targeted shows the first experience, in config order, that the visitor is eligible for and whose audience
 * matches, is not shadow and is allowed by the consent cap (`audience-match`; `no-audience-match` shows the standard
 * content); (9) the propensity is the marginal probability of the shown experience over all arms.
 * @example
 * const d = decide({ config, slot: 'hero', visitorId, signals, consent: consentState(config, undefined, false) });
 * if (d.experience !== 'baseline') show(d.experience);
 */
export function decide(input: DecideInput): Decision {
  try {
    return decideSlot(input);
  } catch {
    try {
      return uncounted(input, 'invalid-config');
    } catch {
      return uncounted({ consent: { tier: 'low', gpc: false } } as DecideInput, 'invalid-config');
    }
  }
}
