import type { Config } from '../core/types.js';
import type { Aggregate, PeriodAggregate, SlotAggregate } from './aggregate-types.js';
import { dataQuality, designFromConfig, holdoutSrmBlocked, slotSrmBlocked, type Design } from './analyses/data-quality.js';
import type { CompareSettings, GoalRef } from './analyses/compare-arms.js';
import { q0Holdout } from './analyses/q0-holdout.js';
import { q1Experiences } from './analyses/q1-experiences.js';
import { q2Targeting } from './analyses/q2-targeting.js';
import { q3Segmentation, type AudienceInfo } from './analyses/q3-segmentation.js';
import { confusionMatrix, q4Bracket } from './analyses/q4-bracket.js';
import { ratesByDay, trustRates } from './analyses/trust-rates.js';
import { count, hasInterval, interval, moreText, name, pct, pp, signedPct, verdictText } from './format.js';
import { own, record } from './own.js';
import type { Comparison2, PeriodReport, Report } from './report-types.js';
import { TS_FUTURE_MS, TS_MIN } from './time-window.js';

/** At most this many periods (salts) are analysed: the config's, then the ones with most visitors. */
export const MAX_PERIODS = 6;
/** At most this many slots per period are analysed: the config's first, then the ones with most visitors. */
export const MAX_SLOTS = 30;
/**
 * A period or slot the config does not name is analysed only with at least this share of the largest one's visitors:
 * a handful of forged or stray exposures under another name is counted and named in the warnings, not given answers.
 */
export const MIN_SHARE_OF_LARGEST = 0.01;
/** At most this many goals are compared in Q0–Q2: the chosen goal, the config's, then the most converted. */
export const MAX_GOALS_COMPARED = 20;

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
  /**
   * The config has this many problems (as `candor check` lists them): its names (audiences, experiences, versions)
   * are still used, but no sample-ratio check runs against it, since an invalid design would blame the logging.
   */
  configProblems?: number;
  /** The design, when there is no config at hand. */
  design?: Design;
}

function goalChoice(aggregate: Aggregate, options: AnalyzeOptions): { primary: number; compared: GoalRef[]; omitted: { count: number; visitors: number } } {
  const converted = aggregate.goals.map((_, g) => aggregate.periods.reduce((t, p) => t + (p.groups.rest.conv[g] ?? 0) + (p.groups.holdout.conv[g] ?? 0), 0));
  const configGoals = Object.keys(options.config?.goals ?? {})
    .map((goal) => aggregate.goals.indexOf(goal))
    .filter((g) => g >= 0);
  const byConversions = aggregate.goals.map((_, g) => g).sort((a, b) => (converted[b] ?? 0) - (converted[a] ?? 0) || a - b);
  let primary: number;
  if (options.goal !== undefined) primary = aggregate.goals.indexOf(options.goal);
  else primary = configGoals[0] ?? byConversions[0] ?? -1;
  const order = [...new Set([...(primary >= 0 ? [primary] : []), ...configGoals, ...byConversions])];
  const kept = order.slice(0, MAX_GOALS_COMPARED);
  const left = order.slice(MAX_GOALS_COMPARED);
  return {
    primary,
    compared: kept.sort((a, b) => a - b).map((index) => ({ name: aggregate.goals[index] ?? '', index })),
    omitted: { count: left.length, visitors: left.reduce((t, g) => t + (converted[g] ?? 0), 0) },
  };
}

const visitorsOf = (slot: SlotAggregate): number => slot.exposures.holdout + slot.exposures.control + slot.exposures.explore + slot.exposures.targeted;

function analyzePeriod(period: PeriodAggregate, goals: string[], compared: GoalRef[], g: number, options: AnalyzeOptions, settings: Omit<CompareSettings, 'days'>): PeriodReport {
  const config = options.config;
  const design = options.design ?? (config && !options.configProblems ? designFromConfig(config) : undefined);
  const configSlots = Object.keys(config?.slots ?? {});
  const known = new Set(configSlots);
  const ranked = [...period.slots].sort((a, b) => Number(known.has(b.slot)) - Number(known.has(a.slot)) || visitorsOf(b) - visitorsOf(a) || (a.slot < b.slot ? -1 : 1));
  const busiest = period.slots.reduce((m, x) => Math.max(m, visitorsOf(x)), 0);
  const eligible = ranked.filter((x) => known.has(x.slot) || visitorsOf(x) >= MIN_SHARE_OF_LARGEST * busiest);
  const slots = eligible.slice(0, MAX_SLOTS).sort((a, b) => (a.slot < b.slot ? -1 : 1));
  const kept = new Set(slots);
  const left = ranked.filter((x) => !kept.has(x));
  const skip = options.configProblems
    ? {
        note: `Sample-ratio checks skipped: the config given with --config has ${count(options.configProblems)} problem${options.configProblems === 1 ? '' : 's'} (listed above, as \`candor check\` lists them). A check against an invalid design would blame the logging for a config error; fix the config, or pass the one the site really ran under.`,
        versions: config ? [config.version] : undefined,
        slots: config ? configSlots : undefined,
      }
    : undefined;
  const quality = dataQuality(period, design, options.srmThreshold ?? 0.001, slots, skip);
  const s: CompareSettings = { ...settings, days: quality.days, traffic: { visitors: period.visitors, days: quality.days } };
  const info: AudienceInfo = record();
  for (const [id, a] of Object.entries(config?.audiences ?? {})) info[id] = { label: a.label ?? id, shadow: a.shadow ?? false };
  const hasGoal = g >= 0;
  const holdoutMismatch = holdoutSrmBlocked(quality);
  const trust = trustRates(period, slots);
  return {
    salt: period.salt,
    from: new Date(period.firstTs).toISOString(),
    to: new Date(period.lastTs).toISOString(),
    visitors: period.visitors,
    perDay: quality.days >= 1 ? period.visitors / quality.days : null,
    slotsOmitted: { count: left.length, visitors: left.reduce((t, x) => t + visitorsOf(x), 0) },
    quality,
    q0: q0Holdout(period, compared, s, holdoutMismatch),
    q1: slots.map((slot) => q1Experiences(slot, compared, s, slotSrmBlocked(quality, slot.slot), own(config?.slots, slot.slot)?.experiences.map((e) => e.id))),
    q2: slots.map((slot) => q2Targeting(slot, compared, s, slotSrmBlocked(quality, slot.slot))),
    q3: hasGoal ? slots.map((slot) => q3Segmentation(slot, goals, g, design?.holdout, info, { alpha: settings.alpha, srmCaveat: holdoutMismatch || slotSrmBlocked(quality, slot.slot) })) : [],
    q4: hasGoal ? slots.map((slot) => q4Bracket(slot, goals, g, design?.holdout, { srmCaveat: holdoutMismatch || slotSrmBlocked(quality, slot.slot) })) : [],
    confusion: confusionMatrix(period.answers, config?.ask),
    trust: trust.rows,
    trustOmitted: trust.omitted,
    days: hasGoal ? ratesByDay(period, g) : [],
  };
}

const list = (entries: [string, number][], max = 5): string => {
  const sorted = [...entries].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, max).map(([k, n]) => `${name(k, 40)} (${count(n)})`);
  return shown.join(', ') + (sorted.length > max ? ` and ${count(sorted.length - max)} more` : '');
};

function warnings(report: Report, aggregate: Aggregate, now: number): string[] {
  const out: string[] = [];
  const input = aggregate.input;
  if ((input.timeOutOfRange ?? 0) > 0) {
    out.push(
      `${count(input.timeOutOfRange ?? 0)} event${input.timeOutOfRange === 1 ? '' : 's'} had a time outside ${new Date(TS_MIN).toISOString().slice(0, 10)} … ${new Date(now + TS_FUTURE_MS).toISOString().slice(0, 10)} (now + 1 day) and were set aside as invalid: a wrong clock, or forged events.`,
    );
  }
  if (input.goalsOmitted && input.goalsOmitted.goals > 0) {
    out.push(`${count(input.goalsOmitted.goals)} goals beyond the ${count(aggregate.goals.length)} with most conversions were left out when reading (${count(input.goalsOmitted.conversions)} conversions): that many goal names suggests forged or mislabeled events.`);
  }
  if (report.goalsOmitted.count > 0) {
    out.push(`${count(report.goalsOmitted.count)} more goals (${count(report.goalsOmitted.visitors)} converted visitors) are not compared: Q0–Q2 cover the ${MAX_GOALS_COMPARED} shown. Pick one with --goal NAME.`);
  }
  if (report.periodsOmitted.count > 0) {
    out.push(
      `${count(report.periodsOmitted.count)} more periods (salts) with ${count(report.periodsOmitted.visitors)} visitors are not analysed: at most ${MAX_PERIODS} are, each with at least ${pct(MIN_SHARE_OF_LARGEST, 0)} of the largest one's visitors (the config's always). A site changes its salt once per period, so stray salts suggest forged or mislabeled events.`,
    );
  }
  for (const p of report.periods) {
    const at = report.periods.length > 1 ? ` in period ${name(p.salt, 40)}` : '';
    if (p.slotsOmitted.count > 0) {
      out.push(
        `${count(p.slotsOmitted.count)} more slots${at} (${count(p.slotsOmitted.visitors)} first exposures) are not analysed: at most ${MAX_SLOTS} are (the config's first, then the busiest), and a slot the config does not name needs at least ${pct(MIN_SHARE_OF_LARGEST, 0)} of the busiest one's visitors.`,
      );
    }
    const unknownSlots = Object.entries(p.quality.unknownSlots ?? {});
    if (unknownSlots.length > 0) out.push(`Exposures${at} in slots the config does not name: ${list(unknownSlots)}. Forged events, or another config.`);
    const experiences = p.q1.reduce((t, s) => t + s.experiencesOmitted, 0);
    if (experiences > 0) out.push(`${count(experiences)} more experiences${at} are not compared in Q1 (at most 20 per slot).`);
    const dims = p.q3.reduce((t, s) => t + s.dimensionsOmitted, 0);
    if (dims > 0) out.push(`${count(dims)} more logged audiences${at} are not evaluated in Q3 (at most 20 per slot: the config's first, then the most frequent).`);
  }
  return out;
}

const more = (c: Comparison2, perDay: number | null, minEffect: number): string => {
  if (c.verdict !== 'not-enough-data' || !(c.needed.visitors > 0)) return '';
  return Number.isFinite(c.needed.visitors) ? `; ${moreText(c.needed, perDay)} would tell a ±${pct(minEffect, 0)} difference` : '; no conversions to plan from yet';
};

function headlines(report: Report, options: AnalyzeOptions): string[] {
  const out: string[] = [];
  const goal = report.options.goal;
  const minEffect = report.options.minEffect;
  if (options.configProblems) out.push(`The config given with --config has ${count(options.configProblems)} problem${options.configProblems === 1 ? '' : 's'} (see above, or run \`candor check\`): no sample-ratio check was run, so no verdict is protected against broken logging.`);
  for (const p of [...report.periods].sort((a, b) => b.visitors - a.visitors)) {
    const at = report.periods.length > 1 ? ` (period ${name(p.salt, 40)})` : '';
    const caveats = new Set<string>();
    for (const scope of p.quality.srm ?? []) {
      for (const c of scope.checks) {
        if (!c.mismatch) continue;
        caveats.add(scope.scope);
        const affects = scope.scope === 'all slots' ? 'Q0 is blocked and every slot’s Q3 and Q4 values may be biased' : `Q1 and Q2 in ${name(scope.scope)} are blocked and its Q3 and Q4 values may be biased${c.split === 'holdout vs rest' ? '; Q0 is in doubt too' : ''}`;
        out.push(`Sample ratio mismatch${at} in ${name(scope.scope)}, ${c.split} (χ² ${Number.isFinite(c.chi2) ? c.chi2.toFixed(1) : '∞'}, p ${c.p.toExponential(1)}): ${affects} until the logging is fixed.`);
      }
    }
    const unknown = Object.entries(p.quality.unknownConfigVersions ?? {});
    if (unknown.length > 0) {
      const total = unknown.reduce((t, [, n]) => t + n, 0);
      out.push(
        `${count(total)} first exposures${at} came from config versions the given config does not name: ${list(unknown)}. Their design was not checked; pass the config they ran under, or leave them out if they came from tests.`,
      );
    }
    if (goal === '') {
      out.push(`No conversions yet${at}: ${count(p.visitors)} visitors over ${p.quality.days.toFixed(1)} days, nothing to compare. The first verdicts need 7 days and 25 conversions in each compared group.`);
      continue;
    }
    const slotCaveat = [...caveats].some((x) => x !== 'all slots' && p.quality.srm?.find((s) => s.scope === x)?.checks.some((c) => c.mismatch && c.split === 'holdout vs rest'));
    const q0 = p.q0.comparisons.find((c) => c.goal === goal);
    if (q0) {
      out.push(
        `Personalization vs the holdout${at}: ${withCi(q0)} on ${goal}: ${verdictText(q0.verdict)}${more(q0, p.perDay, minEffect)}${slotCaveat && q0.verdict !== 'blocked' ? ' (caution: a slot’s holdout split mismatches, see data quality)' : ''}.`,
      );
    }
    for (const slot of p.q1) {
      const forGoal = slot.experiences.flatMap((e) => e.comparisons).filter((c) => c.goal === goal);
      const undecided = forGoal.filter((c) => c.verdict === 'not-enough-data');
      if (slot.srmBlocked && forGoal.length > 0) out.push(`No verdict on the experiences in ${name(slot.slot)}${at}: the sample ratio mismatch in ${name(slot.slot)} blocks them.`);
      else if (undecided.length > 0 && undecided.length === slot.experiences.length) {
        const slowest = undecided.reduce((a, b) => (b.needed.visitors > a.needed.visitors ? b : a));
        const plan = Number.isFinite(slowest.needed.visitors) ? `${moreText(slowest.needed, p.perDay)} before each can tell a ±${pct(minEffect, 0)} lift` : 'no conversions to plan from yet';
        out.push(`No experience in ${name(slot.slot)}${at} has a verdict on ${goal} yet: not enough data; ${plan}.`);
      }
      for (const e of slot.experiences) {
        const c = e.comparisons.find((x) => x.goal === goal) ?? e.comparisons.find((x) => x.verdict === 'worse');
        if (!c) continue;
        if (e.demote) out.push(`Demote ${name(e.experience)} (${name(slot.slot)}): it does worse than the standard content for its audience, ${withCi(c)} on ${c.goal}.`);
        else if (c.verdict === 'better') out.push(`${name(e.experience)} (${name(slot.slot)}) beats the standard content for its audience: ${withCi(c)} on ${goal}.`);
      }
    }
    for (const slot of p.q2) {
      const c = slot.comparisons.find((x) => x.goal === goal);
      if (!c) continue;
      const where = `${name(slot.slot)}${at}`;
      if (c.verdict === 'better' || c.verdict === 'worse') out.push(`Targeting ${c.verdict === 'better' ? 'beats' : 'loses to'} random assignment in ${where}: ${withCi(c)} on ${goal}.`);
      else if (c.verdict === 'no-difference') out.push(`Targeting does no better than random assignment in ${where} (within ±${pct(minEffect, 0)}: ${withCi(c)} on ${goal}): who gets what adds nothing measurable beyond the content.`);
      else if (c.verdict === 'blocked') out.push(`Targeting vs random assignment in ${where}: no verdict while the sample ratio mismatch in ${name(slot.slot)} is unresolved.`);
      else out.push(`Targeting vs random assignment in ${where}: no verdict yet, ${withCi(c)} on ${goal}${more(c, p.perDay, minEffect)}.`);
    }
    for (const slot of p.q3) {
      const where = `${name(slot.slot)}${at}`;
      if (slot.rows === 0) continue;
      if (!slot.enoughData) {
        out.push(`Other segmentations (${where}): not enough data yet (${count(slot.rows)} visitors; it means something from 100 conversions on).`);
        continue;
      }
      if (slot.srmCaveat) {
        out.push(`Other segmentations (${where}): no verdict while a sample ratio mismatch affects this slot (its propensities may be wrong).`);
        continue;
      }
      const lose = slot.rulesVsBestSingle;
      if (hasInterval(lose.ci) && lose.ci[1] < 0) {
        out.push(
          `Your targeting rules in ${where} do worse than showing everyone one experience (${name(slot.bestSingle.experience)}): ${pp(lose.value)} ${interval(lose.ci, pp)} on ${goal} (the experience picked on one half of the visitors, measured on the other).`,
        );
      }
      const top = slot.dimensions[0];
      if (!top) continue;
      const claims = slot.dimensions.filter((d) => hasInterval(d.vosSimultaneous) && d.vosSimultaneous[0] > 0);
      const of = `picked as the best of ${slot.k} logged audience${slot.k === 1 ? '' : 's'}, interval adjusted for that`;
      const best = claims[0];
      if (best) {
        out.push(`Segmenting ${where} by ${name(best.label)}${best.shadow ? ' (shadow)' : ''} is worth ${pp(best.vos.value)} ${interval(best.vosSimultaneous, pp)} on ${goal} (${of}).`);
      } else if (hasInterval(top.vosSimultaneous)) {
        out.push(
          `No segmentation of ${where} is shown to beat the best single experience: the best of ${slot.k} logged audience${slot.k === 1 ? '' : 's'}, ${name(top.label)}${top.shadow ? ' (shadow)' : ''}, ${pp(top.vos.value)} ${interval(top.vosSimultaneous, pp)} on ${goal} (adjusted for picking from ${slot.k}), is within noise.`,
        );
      } else {
        out.push(`No segmentation of ${where} is shown to be worth anything: for each of the ${slot.k} logged audience${slot.k === 1 ? '' : 's'}, the rule learned on each half of the visitors shows the same experience inside and outside it.`);
      }
    }
    for (const slot of p.q4) if (slot.enoughDataSignals || slot.answered > 0 || p.q4.length === 1) out.push(`How far from perfect (${name(slot.slot)}${at}): ${slot.note}`);
  }
  return out;
}

const withCi = (c: Comparison2): string => (hasInterval(c.ciAdjusted) && Number.isFinite(c.relative.estimate) ? `${signedPct(c.relative.estimate)} ${interval(c.ciAdjusted, signedPct)}` : 'no data');

/**
 * Every answer of `candor report`, computed from the aggregate alone (so a warehouse's counts work too).
 * Per analysis period: data quality, Q0 holdout, Q1 per experience, Q2 targeting vs random, Q3 other
 * segmentations, Q4 how far from the best, trust rates and rates over time.
 *
 * Bounded whatever the input: at most {@link MAX_PERIODS} periods, {@link MAX_SLOTS} slots per period and
 * {@link MAX_GOALS_COMPARED} goals are analysed (the config's first, then the largest); the rest are counted in
 * `…Omitted` and named in `warnings`.
 * @example const report = analyze(await aggregateEvents('events.ndjson'), { config });
 */
export function analyze(aggregate: Aggregate, options: AnalyzeOptions = {}): Report {
  const { primary, compared, omitted } = goalChoice(aggregate, options);
  const settings = { alpha: options.alpha ?? 0.05, nStar: options.nStar ?? 5000, minEffect: options.minEffect ?? 0.05 };
  const salt = options.config?.salt;
  const rankedPeriods = [...aggregate.periods].sort((a, b) => Number(b.salt === salt) - Number(a.salt === salt) || b.visitors - a.visitors || (a.salt < b.salt ? -1 : 1));
  const largest = aggregate.periods.reduce((m, p) => Math.max(m, p.visitors), 0);
  const keptPeriods = new Set(rankedPeriods.filter((p) => p.salt === salt || p.visitors >= MIN_SHARE_OF_LARGEST * largest).slice(0, MAX_PERIODS));
  const leftPeriods = rankedPeriods.filter((p) => !keptPeriods.has(p));
  const report: Report = {
    v: 1,
    options: { ...settings, windowDays: aggregate.windowDays, goal: aggregate.goals[primary] ?? '', srmThreshold: options.srmThreshold ?? 0.001 },
    goals: aggregate.goals,
    input: aggregate.input,
    goalsAnalysed: compared.map((x) => x.name),
    goalsOmitted: omitted,
    periods: aggregate.periods.filter((p) => keptPeriods.has(p)).map((p) => analyzePeriod(p, aggregate.goals, compared, primary, options, settings)),
    periodsOmitted: { count: leftPeriods.length, visitors: leftPeriods.reduce((t, p) => t + p.visitors, 0) },
    warnings: [],
    headlines: [],
  };
  report.warnings = warnings(report, aggregate, Date.now());
  if (options.goal !== undefined && primary < 0) report.warnings.unshift(`The goal "${name(options.goal)}" given with --goal has no conversions in these events: Q3, Q4 and the rates over time are left out. Goals seen: ${aggregate.goals.slice(0, 10).map((x) => name(x, 40)).join(', ') || 'none'}.`);
  report.headlines = headlines(report, options);
  return report;
}
