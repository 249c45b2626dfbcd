import { BASELINE } from '../../core/types.js';
import type { SlotAggregate } from '../aggregate-types.js';
import { own } from '../own.js';
import type { DimensionValue, Q3Slot } from '../report-types.js';
import { benjaminiHochberg, cochranQ, normalQuantile } from '../stats/index.js';
import {
  actionsOf,
  allowed,
  crossFit,
  currentRules,
  everyone,
  fitOutcomeModel,
  learnPolicy,
  loggedRows,
  policyDifference,
  policyValue,
  policyValueDr,
  splitFit,
  type LoggedRow,
  type Policy,
} from './policy-values.js';

/** Labels and shadow flags of audiences, from the config when given. */
export type AudienceInfo = Record<string, { label?: string; shadow?: boolean }>;

/** Fewer conversions than this in a slot's logged rows: Q3 says "not enough data". */
export const Q3_MIN_CONVERSIONS = 100;
/** At most this many logged audiences are evaluated as dimensions (the config's first, then the most frequent). */
export const MAX_DIMENSIONS = 20;
/** At most this many experiences enter the moderation test (the most shown). */
const MAX_MODERATION_EXPERIENCES = 20;

/** A logged row with what {@link collapse} needs, computed once for all dimensions. */
interface KeyedRow {
  row: LoggedRow;
  /** Dense id of (fold, action, propensity, eligibility). */
  key: number;
  eligible: string;
  audiences: Set<string>;
}

/** Rows summed by (fold, in or out of `audience`, action, propensity, eligibility): all a dimension's policies see. */
function collapse(rows: readonly KeyedRow[], keys: number, audience: string): LoggedRow[] {
  const out: (LoggedRow | undefined)[] = new Array<LoggedRow | undefined>(2 * keys);
  for (const { row: r, key, eligible, audiences } of rows) {
    const inside = audiences.has(audience);
    const slot = 2 * key + (inside ? 1 : 0);
    const c = out[slot];
    if (c) {
      c.n += r.n;
      c.conv += r.conv;
    } else {
      out[slot] = { ...r, answer: null, audiences: inside ? [audience] : [], context: `${inside ? 'in' : 'out'}|${eligible}`, counterfactual: '', n: r.n, conv: r.conv };
    }
  }
  return out.filter((r): r is LoggedRow => r !== undefined);
}

/** Options of {@link q3Segmentation}. */
export interface Q3Options {
  /** Two-sided error rate of the simultaneous intervals. Default 0.05. */
  alpha?: number;
  /** A sample ratio mismatch affects this slot: values are shown, claims are not made. */
  srmCaveat?: boolean;
}

/**
 * Q3, per slot and goal: would another segmentation do better? Off-policy values (SNIPS; doubly robust as a
 * second opinion) of the current rules and the best single experience, and for each logged audience D (shadow
 * ones included) the value of segmentation `VoS(D) = V(π*_D) − V(best single)`, where π*_D picks the best
 * experience for visitors in and out of D. VoS is learned on one half of the visitors and measured on the other
 * ({@link splitFit}) and also given in-sample (optimistic: the winner's curse). Cochran's
 * Q tests whether membership in D moderates an experience's effect. Dimensions are ranked by cross-fitted VoS.
 *
 * Ranking k dimensions and naming the first is a "best of k" pick: each dimension also gets a simultaneous interval
 * (Bonferroni, `VoS ± z_{1−α/(2k)}·se`) that covers all k true values at once with probability ≥ 1 − α, so a claim
 * about the top one (or any one) made from it holds whatever was picked. At most {@link MAX_DIMENSIONS} audiences are
 * evaluated: the config's first, then by logged visitors; k counts the evaluated ones.
 */
export function q3Segmentation(slot: SlotAggregate, goals: string[], g: number, holdout: number | undefined, info: AudienceInfo = {}, options: Q3Options = {}): Q3Slot {
  const alpha = options.alpha ?? 0.05;
  const rows = loggedRows(slot.ope, g, holdout);
  const keyIds = new Map<string, number>();
  const keyed: KeyedRow[] = rows.map((row) => {
    const eligible = row.eligible.join(',');
    const name = `${row.fold}|${row.action}|${row.p}|${eligible}`;
    let key = keyIds.get(name);
    if (key === undefined) keyIds.set(name, (key = keyIds.size));
    return { row, key, eligible, audiences: new Set(row.audiences) };
  });
  const actions = actionsOf(rows);
  let conversions = 0;
  let visitors = 0;
  const perAudience = new Map<string, number>();
  const perAction = new Map<string, number>();
  for (const r of rows) {
    conversions += r.conv;
    visitors += r.n;
    for (const a of r.audiences) perAudience.set(a, (perAudience.get(a) ?? 0) + r.n);
    perAction.set(r.action, (perAction.get(r.action) ?? 0) + r.n);
  }
  const single = learnPolicy(rows, everyone);
  const bestAction = single(rows.find((r) => r.eligible.length === actions.length - 1) ?? rows[0] ?? ({ eligible: [] } as unknown as LoggedRow));

  const known = (a: string): boolean => own(info, a) !== undefined;
  const ranked = [...perAudience.keys()].sort((a, b) => Number(known(b)) - Number(known(a)) || (perAudience.get(b) ?? 0) - (perAudience.get(a) ?? 0) || (a < b ? -1 : 1));
  const audiences = ranked.slice(0, MAX_DIMENSIONS).sort();
  const k = audiences.length;
  const zSimultaneous = normalQuantile(1 - alpha / (2 * Math.max(1, k)));
  const experiences = actions
    .filter((a) => a !== BASELINE)
    .sort((a, b) => (perAction.get(b) ?? 0) - (perAction.get(a) ?? 0) || (a < b ? -1 : 1))
    .slice(0, MAX_MODERATION_EXPERIENCES);
  const always = (a: string): Policy => () => a;

  const dimensions: DimensionValue[] = audiences.map((audience) => {
    // Everything below depends on a row only through its fold, membership, action, propensity and eligibility:
    // rows that agree on those are summed first (SNIPS sums are additive), so a dimension costs one pass over the log.
    const rows = collapse(keyed, keyIds.size, audience);
    const level = (r: LoggedRow): string => (r.audiences.length > 0 ? 'in' : 'out');
    const vos = splitFit(rows, (test, train) => policyDifference(test, learnPolicy(train, level), learnPolicy(train, everyone)));
    const inSamplePolicy = learnPolicy(rows, level);
    const vosInSample = policyDifference(rows, inSamplePolicy, single);
    const sample = (inside: boolean): string => {
      const r = rows.find((x) => (x.audiences.length > 0) === inside && x.eligible.length === actions.length - 1) ?? rows.find((x) => (x.audiences.length > 0) === inside);
      return r ? inSamplePolicy(r) : BASELINE;
    };
    // Moderation: the effect of each experience vs baseline inside and outside the audience.
    let best = { q: 0, p: 1, experience: '' };
    for (const e of experiences) {
      const estimates: number[] = [];
      const ses: number[] = [];
      for (const inside of [true, false]) {
        const part = rows.filter((r) => (r.audiences.length > 0) === inside && allowed(r, e));
        const d = policyDifference(part, always(e), always(BASELINE));
        estimates.push(d.value);
        ses.push(d.se);
      }
      const c = cochranQ(estimates, ses);
      const p = Math.min(1, c.p * experiences.length);
      if (p < best.p || best.experience === '') best = { q: c.q, p, experience: e };
    }
    const meta = own(info, audience);
    const half = zSimultaneous * vos.se;
    return {
      audience,
      label: meta?.label ?? audience,
      shadow: meta?.shadow ?? false,
      vos,
      vosSimultaneous: vos.se > 0 && Number.isFinite(half) ? [vos.value - half, vos.value + half] : [NaN, NaN],
      vosInSample,
      policy: { inside: sample(true), outside: sample(false) },
      moderation: { ...best, pAdjusted: best.p },
    };
  });
  const adjusted = benjaminiHochberg(dimensions.map((d) => d.moderation.p));
  dimensions.forEach((d, i) => (d.moderation.pAdjusted = adjusted[i] ?? d.moderation.p));
  // Ranked by value; dimensions without variation (the learned rules ignore them: "no data") go last.
  const score = (d: DimensionValue): number => (Number.isFinite(d.vos.value) && d.vos.se > 0 ? d.vos.value : -Infinity);
  dimensions.sort((a, b) => score(b) - score(a) || (a.audience < b.audience ? -1 : 1));

  return {
    slot: slot.slot,
    goal: goals[g] ?? '',
    rows: visitors,
    currentRules: policyValue(rows, currentRules),
    currentRulesDr: crossFit(rows, (test, train) => policyValueDr(test, currentRules, fitOutcomeModel(train))),
    bestSingle: { experience: bestAction, value: splitFit(rows, (test, train) => policyValue(test, learnPolicy(train, everyone))) },
    rulesVsBestSingle: splitFit(rows, (test, train) => policyDifference(test, currentRules, learnPolicy(train, everyone))),
    dimensions,
    k,
    dimensionsOmitted: ranked.length - k,
    enoughData: conversions >= Q3_MIN_CONVERSIONS,
    srmCaveat: options.srmCaveat ?? false,
  };
}
