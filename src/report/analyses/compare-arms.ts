import {
  absoluteDifference,
  asymptoticConfidenceSequence,
  benjaminiHochberg,
  enoughData,
  MIN_CONVERSIONS_PER_ARM,
  MIN_DAYS,
  minimumDetectableEffect,
  normalPosterior,
  normalQuantile,
  relativeLift,
  visitorsNeededPerArm,
  type ArmStats,
} from '../stats/index.js';
import type { Comparison2, Effect, Verdict } from '../report-types.js';

/** The statistical settings every comparison shares. */
export interface CompareSettings {
  /** Two-sided error rate. */
  alpha: number;
  /** The confidence sequence's tuning N* (total visitors at which a decision is expected). */
  nStar: number;
  /** Smallest relative effect that matters (δ_min). */
  minEffect: number;
  /** Days of data. */
  days: number;
  /** The period's traffic, so "more visitors" can be said for the whole site and in days. Default: the comparison's own visitors. */
  traffic?: { visitors: number; days: number };
}

const Z_POWER = normalQuantile(0.8);

/**
 * How much more traffic a comparison needs before it can tell a ±`minEffect` relative lift with 80 % power under the
 * always-valid interval: the smallest factor f ≥ 1 on today's visitors such that, with both arms growing by f,
 * `half_CS(N·f, se/√f) + z₀.₈·se/√f ≤ minEffect`, where se is the planning standard error of the relative lift at
 * the pooled rate p̂ (`sqrt((1−p̂)/p̂ · (1/n_C + 1/n_T))`, valid before any effect is known), and also enough for 25
 * conversions in the smaller arm. The site needs `visitors·(f − 1)` more visitors, which take `days·(f − 1)` days at
 * the current traffic (and at least the days left to the 7-day minimum). Infinity without conversions to plan from.
 */
export function trafficNeeded(control: ArmStats, treatment: ArmStats, s: CompareSettings): { visitors: number; days: number | null } {
  const nC = control.n;
  const nT = treatment.n;
  const traffic = s.traffic ?? { visitors: nC + nT, days: s.days };
  const perDay = traffic.days >= 1 ? traffic.visitors / traffic.days : null;
  const p = (control.sum + treatment.sum) / (nC + nT);
  if (!(nC > 0 && nT > 0 && p > 0 && p < 1)) return { visitors: Infinity, days: perDay === null ? null : Infinity };
  const se0 = Math.sqrt(((1 - p) / p) * (1 / nC + 1 / nT));
  const N = nC + nT;
  const enough = (f: number): boolean => {
    const se = se0 / Math.sqrt(f);
    const [, hi] = asymptoticConfidenceSequence(0, se, N * f, s.nStar, s.alpha);
    return hi + Z_POWER * se <= s.minEffect;
  };
  let f = 1;
  if (!enough(1)) {
    let lo = 1;
    let hi = 2;
    while (!enough(hi) && hi < 1e12) {
      lo = hi;
      hi *= 2;
    }
    for (let i = 0; i < 50; i++) {
      const mid = Math.sqrt(lo * hi);
      if (enough(mid)) hi = mid;
      else lo = mid;
    }
    f = hi;
  }
  f = Math.max(f, MIN_CONVERSIONS_PER_ARM / (Math.min(nC, nT) * p));
  const visitors = f > 1 ? Math.ceil(traffic.visitors * (f - 1)) : 0;
  if (perDay === null) return { visitors, days: null };
  const days = Math.max(visitors / perDay, MIN_DAYS - traffic.days, 0);
  return { visitors, days: Math.ceil(days) };
}

/** Binary conversion counts as the statistics' arm form. */
export const binaryArm = (n: number, conversions: number): ArmStats => ({ n, sum: conversions, sumSq: conversions });

/**
 * The always-valid p-value of an estimate: the smallest α at which the asymptotic confidence sequence excludes 0
 * (found by bisection on log α; the half-width shrinks as α grows).
 */
export function alwaysValidP(estimate: number, se: number, nTotal: number, nStar: number): number {
  if (!Number.isFinite(estimate) || !(se > 0) || !Number.isFinite(se)) return 1;
  const excludes = (alpha: number): boolean => {
    const [lo, hi] = asymptoticConfidenceSequence(estimate, se, nTotal, nStar, alpha);
    return lo > 0 || hi < 0;
  };
  if (!excludes(0.999)) return 1;
  let lo = Math.log(1e-16);
  let hi = Math.log(0.999);
  if (excludes(Math.exp(lo))) return 1e-16;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (excludes(Math.exp(mid))) hi = mid;
    else lo = mid;
  }
  return Math.exp(hi);
}

function effect(estimate: number, se: number, nTotal: number, s: CompareSettings): Effect {
  return { estimate, se, ci: asymptoticConfidenceSequence(estimate, se, nTotal, s.nStar, s.alpha), p: alwaysValidP(estimate, se, nTotal, s.nStar) };
}

/**
 * Compares a treatment with a control on one binary goal: absolute and relative effects with always-valid
 * intervals, MDE, visitors still needed, chance to win. The verdict is provisional until {@link adjustFamily}.
 */
export function compareArms(goal: string, control: ArmStats, treatment: ArmStats, s: CompareSettings): Comparison2 {
  const nTotal = control.n + treatment.n;
  const abs = absoluteDifference(control, treatment, { alpha: s.alpha, binary: true });
  const rel = relativeLift(control, treatment, { alpha: s.alpha, binary: true });
  const relative = effect(rel.estimate, rel.se, nTotal, s);
  const pc = control.n > 0 ? control.sum / control.n : NaN;
  const needed = visitorsNeededPerArm(pc, s.minEffect, s.alpha);
  const posterior = Number.isFinite(rel.se) && rel.se > 0 ? normalPosterior(rel.estimate, rel.se) : null;
  const result: Comparison2 = {
    goal,
    control: { n: control.n, conversions: control.sum, rate: pc },
    treatment: { n: treatment.n, conversions: treatment.sum, rate: treatment.n > 0 ? treatment.sum / treatment.n : NaN },
    absolute: effect(abs.estimate, abs.se, nTotal, s),
    relative,
    pAdjusted: relative.p,
    ciAdjusted: relative.ci,
    chanceToWin: posterior ? posterior.chanceToWin : NaN,
    mdeRelative: minimumDetectableEffect(rel.se, s.alpha),
    visitorsNeededPerArm: Number.isFinite(needed) ? Math.max(0, needed - Math.min(control.n, treatment.n)) : Infinity,
    needed: trafficNeeded(control, treatment, s),
    verdict: 'not-enough-data',
  };
  result.verdict = verdictOf(result, control, treatment, s, false);
  if (result.verdict !== 'not-enough-data') result.needed = { visitors: 0, days: 0 };
  return result;
}

function verdictOf(c: Comparison2, control: ArmStats, treatment: ArmStats, s: CompareSettings, blocked: boolean): Verdict {
  if (blocked) return 'blocked';
  if (!enoughData(control, treatment, s.days)) return 'not-enough-data';
  const [lo, hi] = c.ciAdjusted;
  if (lo > 0) return 'better';
  if (hi < 0) return 'worse';
  if (lo > -s.minEffect && hi < s.minEffect) return 'no-difference';
  return 'not-enough-data';
}

/**
 * Benjamini–Hochberg across a family of comparisons (docs/measurement.md §3.8), then the verdicts. The adjusted
 * interval is the confidence sequence at level α·p/p̃, so it excludes 0 exactly when p̃ < α.
 */
export function adjustFamily(family: Comparison2[], s: CompareSettings, blocked = false): void {
  const adjusted = benjaminiHochberg(family.map((c) => c.relative.p));
  family.forEach((c, i) => {
    const pAdj = adjusted[i] ?? c.relative.p;
    c.pAdjusted = pAdj;
    const level = pAdj > 0 && c.relative.p > 0 ? Math.min(s.alpha, (s.alpha * c.relative.p) / pAdj) : s.alpha;
    c.ciAdjusted = asymptoticConfidenceSequence(c.relative.estimate, c.relative.se, c.control.n + c.treatment.n, s.nStar, level);
    const control = binaryArm(c.control.n, c.control.conversions);
    const treatment = binaryArm(c.treatment.n, c.treatment.conversions);
    c.verdict = verdictOf(c, control, treatment, s, blocked);
    c.needed = c.verdict === 'not-enough-data' || c.verdict === 'blocked' ? trafficNeeded(control, treatment, s) : { visitors: 0, days: 0 };
  });
}

/** A goal as the analyses see it: its name and its index in the aggregate's per-goal arrays. */
export interface GoalRef {
  name: string;
  index: number;
}
