import { BASELINE } from '../../core/types.js';
import type { SlotAggregate } from '../aggregate-types.js';
import type { DimensionValue, Q3Slot } from '../report-types.js';
import { benjaminiHochberg, cochranQ } from '../stats/index.js';
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
  type LoggedRow,
  type Policy,
} from './policy-values.js';

/** Labels and shadow flags of audiences, from the config when given. */
export type AudienceInfo = Record<string, { label?: string; shadow?: boolean }>;

/** Fewer conversions than this in a slot's logged rows: Q3 says "not enough data". */
export const Q3_MIN_CONVERSIONS = 100;

/**
 * Q3, per slot and goal: would another segmentation do better? Off-policy values (SNIPS; doubly robust as a
 * second opinion) of the current rules and the best single experience, and for each logged audience D (shadow
 * ones included) the value of segmentation `VoS(D) = V(π*_D) − V(best single)`, where π*_D picks the best
 * experience for visitors in and out of D. VoS is 2-fold cross-fitted (learned on one half of the visitors,
 * evaluated on the other, swapped, averaged) and also given in-sample (optimistic: the winner's curse). Cochran's
 * Q tests whether membership in D moderates an experience's effect. Dimensions are ranked by cross-fitted VoS.
 */
export function q3Segmentation(slot: SlotAggregate, goals: string[], g: number, holdout: number | undefined, info: AudienceInfo = {}): Q3Slot {
  const rows = loggedRows(slot.ope, g, holdout);
  const actions = actionsOf(rows);
  const conversions = rows.reduce((t, r) => t + r.conv, 0);
  const visitors = rows.reduce((t, r) => t + r.n, 0);
  const single = learnPolicy(rows, everyone);
  const bestAction = single(rows.find((r) => r.eligible.length === actions.length - 1) ?? rows[0] ?? ({ eligible: [] } as unknown as LoggedRow));

  const audiences = [...new Set(rows.flatMap((r) => r.audiences))].sort();
  const dimensions: DimensionValue[] = audiences.map((audience) => {
    const level = (r: LoggedRow): string => (r.audiences.includes(audience) ? 'in' : 'out');
    const vos = crossFit(rows, (test, train) => policyDifference(test, learnPolicy(train, level), learnPolicy(train, everyone)));
    const inSamplePolicy = learnPolicy(rows, level);
    const vosInSample = policyDifference(rows, inSamplePolicy, single);
    const sample = (inside: boolean): string => {
      const r = rows.find((x) => x.audiences.includes(audience) === inside && x.eligible.length === actions.length - 1) ?? rows.find((x) => x.audiences.includes(audience) === inside);
      return r ? inSamplePolicy(r) : BASELINE;
    };
    // Moderation: the effect of each experience vs baseline inside and outside the audience.
    let best = { q: 0, p: 1, experience: '' };
    const experiences = actions.filter((a) => a !== BASELINE);
    for (const e of experiences) {
      const estimates: number[] = [];
      const ses: number[] = [];
      for (const inside of [true, false]) {
        const part = rows.filter((r) => r.audiences.includes(audience) === inside && allowed(r, e));
        const always = (a: string): Policy => () => a;
        const d = policyDifference(part, always(e), always(BASELINE));
        estimates.push(d.value);
        ses.push(d.se);
      }
      const c = cochranQ(estimates, ses);
      const p = Math.min(1, c.p * experiences.length);
      if (p < best.p || best.experience === '') best = { q: c.q, p, experience: e };
    }
    return {
      audience,
      label: info[audience]?.label ?? audience,
      shadow: info[audience]?.shadow ?? false,
      vos,
      vosInSample,
      policy: { inside: sample(true), outside: sample(false) },
      moderation: { ...best, pAdjusted: best.p },
    };
  });
  const adjusted = benjaminiHochberg(dimensions.map((d) => d.moderation.p));
  dimensions.forEach((d, i) => (d.moderation.pAdjusted = adjusted[i] ?? d.moderation.p));
  dimensions.sort((a, b) => (Number.isFinite(b.vos.value) ? b.vos.value : -Infinity) - (Number.isFinite(a.vos.value) ? a.vos.value : -Infinity));

  return {
    slot: slot.slot,
    goal: goals[g] ?? '',
    rows: visitors,
    currentRules: policyValue(rows, currentRules),
    currentRulesDr: crossFit(rows, (test, train) => policyValueDr(test, currentRules, fitOutcomeModel(train))),
    bestSingle: { experience: bestAction, value: crossFit(rows, (test, train) => policyValue(test, learnPolicy(train, everyone))) },
    rulesVsBestSingle: crossFit(rows, (test, train) => policyDifference(test, currentRules, learnPolicy(train, everyone))),
    dimensions,
    enoughData: conversions >= Q3_MIN_CONVERSIONS,
  };
}
