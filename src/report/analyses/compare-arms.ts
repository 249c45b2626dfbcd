import {
  absoluteDifference,
  asymptoticConfidenceSequence,
  benjaminiHochberg,
  enoughData,
  minimumDetectableEffect,
  normalPosterior,
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
    verdict: 'not-enough-data',
  };
  result.verdict = verdictOf(result, control, treatment, s, false);
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
 * Benjamini–Hochberg across a family of comparisons (measurement.md §3.8), then the verdicts. The adjusted
 * interval is the confidence sequence at level α·p/p̃, so it excludes 0 exactly when p̃ < α.
 */
export function adjustFamily(family: Comparison2[], s: CompareSettings, blocked = false): void {
  const adjusted = benjaminiHochberg(family.map((c) => c.relative.p));
  family.forEach((c, i) => {
    const pAdj = adjusted[i] ?? c.relative.p;
    c.pAdjusted = pAdj;
    const level = pAdj > 0 && c.relative.p > 0 ? Math.min(s.alpha, (s.alpha * c.relative.p) / pAdj) : s.alpha;
    c.ciAdjusted = asymptoticConfidenceSequence(c.relative.estimate, c.relative.se, c.control.n + c.treatment.n, s.nStar, level);
    c.verdict = verdictOf(c, binaryArm(c.control.n, c.control.conversions), binaryArm(c.treatment.n, c.treatment.conversions), s, blocked);
  });
}
