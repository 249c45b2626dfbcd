import type { Config } from '../core/types.js';
import type { Aggregate, PeriodAggregate } from './aggregate-types.js';
import { dataQuality, designFromConfig, holdoutSrmBlocked, slotSrmBlocked, type Design } from './analyses/data-quality.js';
import type { CompareSettings } from './analyses/compare-arms.js';
import { q0Holdout } from './analyses/q0-holdout.js';
import { q1Experiences } from './analyses/q1-experiences.js';
import { q2Targeting } from './analyses/q2-targeting.js';
import { q3Segmentation, type AudienceInfo } from './analyses/q3-segmentation.js';
import { confusionMatrix, q4Bracket } from './analyses/q4-bracket.js';
import { ratesByDay, trustRates } from './analyses/trust-rates.js';
import { count, interval, pct, pp, signedPct, verdictText } from './format.js';
import type { PeriodReport, Report } from './report-types.js';

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /** Two-sided error rate. Default 0.05 (95 % intervals). */
  alpha?: number;
  /**
   * N*, the total visitors of a comparison at which you expect to decide: the always-valid intervals are
   * narrowest there. Fix it for the whole period. Default 5,000 (GrowthBook's default); set it to your planned
   * sample (`--planned`).
   */
  nStar?: number;
  /** Smallest relative effect that matters (δ_min): intervals inside ±δ_min mean "no meaningful difference". Default 0.05. */
  minEffect?: number;
  /** Sample-ratio alarm threshold on p. Default 0.001. */
  srmThreshold?: number;
  /** The goal for off-policy analyses (Q3, Q4) and rates over time. Default: the config's first goal seen, else the goal with most conversions. */
  goal?: string;
  /** The site config (JSON as deployed): gives the design for sample-ratio checks, known versions, audience labels, experiences and ask segments. */
  config?: Config;
  /** The design, when there is no config at hand. */
  design?: Design;
}

function primaryGoal(aggregate: Aggregate, options: AnalyzeOptions): number {
  if (options.goal !== undefined) return aggregate.goals.indexOf(options.goal);
  for (const g of Object.keys(options.config?.goals ?? {})) {
    const i = aggregate.goals.indexOf(g);
    if (i >= 0) return i;
  }
  let best = -1;
  let most = -1;
  aggregate.goals.forEach((_, g) => {
    const c = aggregate.periods.reduce((t, p) => t + (p.groups.rest.conv[g] ?? 0) + (p.groups.holdout.conv[g] ?? 0), 0);
    if (c > most) {
      most = c;
      best = g;
    }
  });
  return best;
}

function analyzePeriod(period: PeriodAggregate, goals: string[], g: number, options: AnalyzeOptions, settings: Omit<CompareSettings, 'days'>): PeriodReport {
  const design = options.design ?? (options.config ? designFromConfig(options.config) : undefined);
  const quality = dataQuality(period, design, options.srmThreshold ?? 0.001);
  const s: CompareSettings = { ...settings, days: quality.days };
  const info: AudienceInfo = {};
  for (const [id, a] of Object.entries(options.config?.audiences ?? {})) info[id] = { label: a.label ?? id, shadow: a.shadow ?? false };
  const hasGoal = g >= 0;
  return {
    salt: period.salt,
    from: new Date(period.firstTs).toISOString(),
    to: new Date(period.lastTs).toISOString(),
    visitors: period.visitors,
    quality,
    q0: q0Holdout(period, goals, s, holdoutSrmBlocked(quality)),
    q1: period.slots.map((slot) =>
      q1Experiences(slot, goals, s, slotSrmBlocked(quality, slot.slot), options.config?.slots[slot.slot]?.experiences.map((e) => e.id)),
    ),
    q2: period.slots.map((slot) => q2Targeting(slot, goals, s, slotSrmBlocked(quality, slot.slot))),
    q3: hasGoal ? period.slots.map((slot) => q3Segmentation(slot, goals, g, design?.holdout, info)) : [],
    q4: hasGoal ? period.slots.map((slot) => q4Bracket(slot, goals, g, design?.holdout)) : [],
    confusion: confusionMatrix(period.answers, options.config?.ask),
    trust: trustRates(period),
    days: hasGoal ? ratesByDay(period, g) : [],
  };
}

function headlines(report: Report): string[] {
  const out: string[] = [];
  const goal = report.options.goal;
  for (const p of report.periods) {
    const at = report.periods.length > 1 ? ` (period ${p.salt})` : '';
    for (const scope of p.quality.srm ?? []) {
      for (const c of scope.checks) {
        if (c.mismatch) out.push(`Sample ratio mismatch${at} in ${scope.scope}, ${c.split} (χ² ${c.chi2.toFixed(1)}, p ${c.p.toExponential(1)}): the verdicts that depend on it are blocked until the logging is fixed.`);
      }
    }
    const q0 = p.q0.comparisons.find((c) => c.goal === goal);
    if (q0) out.push(`Personalization vs the holdout${at}: ${signedPct(q0.relative.estimate)} ${interval(q0.ciAdjusted, signedPct)} on ${goal}: ${verdictText(q0.verdict)}.`);
    for (const slot of p.q1) {
      const undecided = slot.experiences.flatMap((e) => e.comparisons).filter((c) => c.goal === goal && c.verdict === 'not-enough-data');
      if (undecided.length > 0 && undecided.length === slot.experiences.length) {
        const more = Math.max(...undecided.map((c) => c.visitorsNeededPerArm));
        out.push(
          `No experience in ${slot.slot} has a verdict on ${goal} yet: not enough data${Number.isFinite(more) && more > 0 ? `; about ${count(more)} more visitors per arm would detect a ${pct(report.options.minEffect, 0)} lift` : ''}.`,
        );
      }
      for (const e of slot.experiences) {
        const c = e.comparisons.find((x) => x.goal === goal) ?? e.comparisons.find((x) => x.verdict === 'worse');
        if (!c) continue;
        if (e.demote) out.push(`Demote ${e.experience} (${slot.slot}): it does worse than the standard content for its audience, ${signedPct(c.relative.estimate)} ${interval(c.ciAdjusted, signedPct)} on ${c.goal}.`);
        else if (c.verdict === 'better') out.push(`${e.experience} (${slot.slot}) beats the standard content for its audience: ${signedPct(c.relative.estimate)} ${interval(c.ciAdjusted, signedPct)} on ${goal}.`);
      }
    }
    for (const slot of p.q2) {
      const c = slot.comparisons.find((x) => x.goal === goal);
      if (c && (c.verdict === 'better' || c.verdict === 'worse')) {
        out.push(`Targeting ${c.verdict === 'better' ? 'beats' : 'loses to'} random assignment in ${slot.slot}: ${signedPct(c.relative.estimate)} ${interval(c.ciAdjusted, signedPct)} on ${goal}.`);
      }
    }
    for (const slot of p.q3) {
      const top = slot.dimensions[0];
      if (!top) continue;
      if (!slot.enoughData) {
        out.push(`Other segmentations (${slot.slot}): not enough data yet (${slot.rows} visitors).`);
        continue;
      }
      const signif = top.vos.ci[0] > 0;
      out.push(
        `Segmenting ${slot.slot} by ${top.label}${top.shadow ? ' (shadow)' : ''} is worth ${pp(top.vos.value)} ${interval(top.vos.ci, pp)} on ${goal}${signif ? '' : ', within noise'}; next: ${slot.dimensions
          .slice(1, 3)
          .map((d) => `${d.label} ${pp(d.vos.value)}`)
          .join(', ') || 'none'}.`,
      );
    }
    for (const slot of p.q4) if (slot.answered > 0 || p.q4.length === 1) out.push(`How far from perfect (${slot.slot}): ${slot.note}`);
  }
  return out;
}

/**
 * Every answer of `candor report`, computed from the aggregate alone (so a warehouse's counts work too).
 * Per analysis period: data quality, Q0 holdout, Q1 per experience, Q2 targeting vs random, Q3 other
 * segmentations, Q4 the bracket, trust rates and rates over time.
 * @example const report = analyze(await aggregateEvents('events.ndjson'), { config });
 */
export function analyze(aggregate: Aggregate, options: AnalyzeOptions = {}): Report {
  const g = primaryGoal(aggregate, options);
  const settings = { alpha: options.alpha ?? 0.05, nStar: options.nStar ?? 5000, minEffect: options.minEffect ?? 0.05 };
  const report: Report = {
    v: 1,
    options: { ...settings, windowDays: aggregate.windowDays, goal: aggregate.goals[g] ?? '', srmThreshold: options.srmThreshold ?? 0.001 },
    goals: aggregate.goals,
    input: aggregate.input,
    periods: aggregate.periods.map((p) => analyzePeriod(p, aggregate.goals, g, options, settings)),
    headlines: [],
  };
  report.headlines = headlines(report);
  return report;
}
