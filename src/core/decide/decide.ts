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
 * The key of the analysis period and shares a slot's assignment depends on: `salt|holdout/control/explore`. Stored with
 * each assignment; a stored assignment made in another period (salt) or under other shares is decided again.
 * @example sharesKey(config, 'hero') // 'acme-q4|0.05/0.1/0.1'
 */
export function sharesKey(config: ValidConfig, slot: string): string {
  const s = own(config.slots, slot);
  return s ? sharesOf(config.salt, config.holdout, s.control, s.explore) : `${config.salt}|${config.holdout}/-/-`;
}

/** Last shares key built: slots mostly share their shares, so the numbers are turned into text once. */
let sharesS: string | undefined;
let sharesH: number | undefined;
let sharesC: number | undefined;
let sharesE: number | undefined;
let sharesText = '';
function sharesOf(salt: string, h: number, c: number, e: number): string {
  if (salt !== sharesS || h !== sharesH || c !== sharesC || e !== sharesE) {
    sharesText = `${salt}|${h}/${c}/${e}`;
    sharesS = salt;
    sharesH = h;
    sharesC = c;
    sharesE = e;
  }
  return sharesText;
}

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
  if (sticky.shares !== sharesKey(config, slot)) return sticky.shares.startsWith(config.salt + '|') ? 'shares' : 'version';
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
 * so the holdout draw and the audience memberships are computed once per page instead of once per slot.
 * Keys are compared by identity (snapshot, audiences) or value (salt, id, tier): the results cannot go stale
 * unless a caller mutates a snapshot or a config in place, which the types forbid.
 */
let holdoutSalt: string | undefined;
let holdoutId: string | undefined;
let holdoutDraw = 0;
let matchedFor: Record<string, Audience> | undefined;
let matchedSignals: Signals | undefined;
let matchedTier: Tier | undefined;
let matchedIds: string[] = [];
let matchedSet = new Set<string>();

/** The global holdout draw as a 32-bit integer (`hash(salt + ':holdout', id)` × 2^32): once per visitor and salt, the same in every slot. */
function holdoutHash32(salt: string, visitorId: string): number {
  if (salt !== holdoutSalt || visitorId !== holdoutId) {
    holdoutDraw = hash32(salt + ':holdout', visitorId);
    holdoutSalt = salt;
    holdoutId = visitorId;
  }
  return holdoutDraw;
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
  const shares = sharesOf(config.salt, h, c, eps);
  const forcedOk = forced !== undefined && (forced === BASELINE || experiences.some((e) => e.id === forced));

  // 2. Sticky: a stored assignment under the same version, shares and consent tier stands.
  if (
    !forcedOk &&
    sticky?.version === config.version &&
    sticky.shares === shares &&
    sticky.tier === cap &&
    replayable(sticky, config, experiences, cap)
  ) {
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
  const counterfactual = target ? target.id : BASELINE;

  let arm: Arm;
  let experience: string;
  let reason: ReasonCode;
  let audience: string | undefined;
  let propensity: number;

  // The slot draw (salt, version, slot, visitor) and the holdout draw (salt, visitor), 32 bits each. Together they
  // make the 64-bit decision id at no extra hashing; the consent tier is mixed in, so a new cap gives a new id.
  const draw = hash32(`${config.salt}:${config.version}:${slot}:arm`, visitorId);
  const held = holdoutHash32(config.salt, visitorId);
  const decisionId = hex16(draw, held ^ (TIER_MIX[TIERS.indexOf(cap) + 1] ?? 0));

  if (forcedOk) {
    // 4. Forced by QA: shown as asked, never counted.
    arm = 'targeted';
    experience = forced;
    reason = 'forced';
    propensity = 1;
  } else {
    if (held / 4294967296 < h) {
      // 5. Global holdout: the standard content in every slot.
      arm = 'holdout';
      experience = BASELINE;
      reason = 'global-holdout';
    } else {
      // 6. Slot arm, from a draw seeded by salt, version and slot.
      const u = draw / 4294967296;
      if (u < c) {
        arm = 'control';
        experience = BASELINE;
        reason = 'slot-control';
      } else if (u < c + eps) {
        // 7. Explore: uniform over eligible ∪ {baseline}, from an independent draw.
        arm = 'explore';
        const i = Math.floor(hash(`${config.salt}:${slot}:explore`, visitorId) * (eligible.length + 1));
        experience = eligible[i] ?? BASELINE;
        reason = 'explore-pick';
      } else {
        // 8. Targeted: the first eligible experience whose (non-shadow, allowed) audience matches.
        arm = 'targeted';
        experience = counterfactual;
        audience = target?.audience;
        reason = target ? 'audience-match' : 'no-audience-match';
      }
    }
    // 9. Marginal propensity of what is shown, all arms counted (measurement.md §4.5).
    const base = experience === BASELINE;
    propensity =
      (base ? h : 0) +
      (1 - h) *
        ((base ? c : 0) +
          (base || eligible.includes(experience) ? eps / (eligible.length + 1) : 0) +
          (experience === counterfactual ? 1 - c - eps : 0));
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
 * Decides what one slot shows, following measurement.md §1.1. Pure and synchronous, and it never throws: on any
 * problem the slot shows its standard content (`baseline`) with a reason code.
 *
 * Steps: (1) an unknown slot shows the standard content (`unknown-slot`); (2) a stored assignment under the same
 * config version, shares and consent tier is kept (`sticky: true`); (3) the context is computed: every matched
 * audience allowed by the consent cap, the eligible experiences, and the counterfactual (what targeting shows);
 * (4) a QA-forced experience is shown (`forced`); (5) `hash(salt + ':holdout', id) < holdout` puts the visitor in
 * the global holdout (the standard content everywhere); (6) the slot draw `u = hash(salt:version:slot:arm, id)`
 * gives control (`u < control`), (7) explore (`u < control + explore`: a uniform pick over eligible experiences and
 * the baseline, from the independent draw `hash(salt:slot:explore, id)`), or (8) targeted: the first experience, in
 * config order, that the visitor is eligible for and whose audience matches, is not shadow and is allowed by the
 * consent cap (`audience-match`; `no-audience-match` shows the standard content); (9) the propensity is the
 * marginal probability of the shown experience over all arms.
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
