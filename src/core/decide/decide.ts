/**
 * `decide`: what one slot shows, in numbered steps (docs/measurement.md §1.1), with its per-page memo of audience
 * memberships and the decision id. The parts live beside it: shares and the sticky check (`shares.ts`), stored
 * assignments (`sticky-replay.ts`), the visitor's draws (`visitor-draws.ts`), exploration (`exploration.ts`), the
 * propensity (`propensity.ts`) and the fallbacks (`fallback-decision.ts`). This module re-exports what callers use, so
 * they import one module (and the script tag's first pass hands one module over to the runtime).
 */

import { evaluateCondition } from '../conditions/evaluate-condition.js';
import { BASELINE, TIERS, type Arm, type Audience, type Decision, type ExperienceConfig, type ReasonCode, type Signals, type Tier } from '../types.js';
import type { DecideInput } from './decide-input.js';
import { explorableOf, exploreShows, slotAudiences } from './exploration.js';
import { uncounted } from './fallback-decision.js';
import { HASH_VERSION, hash, hash32 } from './hash.js';
import { own } from './own-key.js';
import { marginalPropensity } from './propensity.js';
import { sharesOf } from './shares.js';
import { signalUses } from './signal-uses.js';
import { STICKY_REASON, replay, replayable } from './sticky-replay.js';
import { visitorDraws } from './visitor-draws.js';

export type { DecideInput } from './decide-input.js';
export { decideReasonIsCounted, fallbackDecision } from './fallback-decision.js';
export { sharesKey, stickyMismatch } from './shares.js';
export { storedDecision, toSticky } from './sticky-replay.js';

/*
 * A one-entry memo: every slot on a page is decided with the same snapshot, so audience memberships are computed once
 * per page instead of once per slot. Keys are compared by identity (audiences, snapshot) or value (tier): the result
 * cannot go stale unless a caller mutates a snapshot or a config in place, which the types forbid.
 */
let matchedFor: Record<string, Audience> | undefined;
let matchedSignals: Signals | undefined;
let matchedTier: Tier | undefined;
let matched: ReadonlySet<string> = new Set();

/**
 * Every audience (config order, shadow included) whose tier the cap allows and whose rule matches. Above the cap
 * nothing is read. A set in config order (iterate it for the list); the memo itself, so copy it before handing it on.
 */
function matchedAudiences(audiences: Record<string, Audience>, signals: Signals, cap: Tier): ReadonlySet<string> {
  if (audiences !== matchedFor || signals !== matchedSignals || cap !== matchedTier) {
    const ids = new Set<string>();
    const rank = TIERS.indexOf(cap);
    // for-in visits own keys here (configs are plain JSON objects), so no own-key check is needed.
    for (const id in audiences) {
      const a = audiences[id];
      if (!a) continue;
      const t = TIERS.indexOf(a.tier); // an unknown tier is never allowed
      if (t >= 0 && t <= rank && evaluateCondition(a.when, signals)) ids.add(id);
    }
    matched = ids;
    matchedFor = audiences;
    matchedSignals = signals;
    matchedTier = cap;
  }
  return matched;
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
  const matched = matchedAudiences(config.audiences, signals, cap);
  const eligible: string[] = [];
  for (const e of experiences) if (!e.eligible || evaluateCondition(e.eligible, signals)) eligible.push(e.id);
  let target: ExperienceConfig | undefined;
  for (const e of experiences) {
    // Matched ids are own keys of config.audiences, so the lookup after `has` needs no own-key check.
    if (matched.has(e.audience) && !config.audiences[e.audience]?.shadow && eligible.includes(e.id)) {
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
  const [held, explorerDraw, pickDraw] = visitorDraws(config.salt, visitorId);
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
    propensity = marginalPropensity(experiences, pickable, eligible, experience, counterfactual, h, c, eps);
  }

  return {
    slot,
    experience,
    arm,
    counterfactual,
    propensity,
    audience,
    audiences: [...matched],
    eligible,
    reason,
    signals: audience === undefined ? [] : signalUses(own(config.audiences, audience), signals),
    configVersion: config.version,
    salt: config.salt,
    hashVersion: HASH_VERSION,
    // The version, slot and counterfactual with the holdout draw, 64 bits; the consent tier is mixed in, so a new cap,
    // a new version or a visitor who comes to match gets a new id.
    decisionId: hex16(hash32(`${config.salt}:${config.version}:${slot}:${counterfactual}`, visitorId), held ^ (TIER_MIX[TIERS.indexOf(cap) + 1] ?? 0)),
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
