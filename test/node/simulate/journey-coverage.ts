/**
 * Coverage with known truth for the `journeys` scenario (visitors who enter audiences over time): replications of
 * simulate → aggregate → analyze, each answer's 95 % interval checked against the exact truth of what it estimates.
 * Shared by test/node/simulate/journeys.test.ts (few replications, in CI) and bench/coverage.js (the full sweep).
 *
 * Truths:
 * - Q0, Q1, Q2 and the off-policy values of fixed policies (current rules, everyone standard, …): from
 *   `journeyTruth` / `journeyPolicyValue`, by enumeration of the journeys.
 * - Off-policy values of policies the report *learns* (best single experience, value of segmentation, best on
 *   signals, perfect world): an interval learned on one half is an interval for the value of the policies learned on the
 *   other fold, so the truth is their exact value (learned here again from the same rows with the report's own
 *   `learnPolicy`, then valued by enumeration), weighted by fold size as the report combines folds. The distance to
 *   the best possible policy is printed beside it (not a coverage: a policy learned from few rows is often not the
 *   best, which the interval does not claim).
 * - Q0–Q2 intervals in the report are always-valid (wider than 95 % on purpose, for peeking); coverage is checked on
 *   the fixed-horizon 95 % interval `estimate ± 1.96 se` of the same estimate, and the always-valid one is reported
 *   beside it.
 */
import { BASELINE } from '../../../src/core/types.js';
import { analyze } from '../../../src/report/analyze.js';
import { q1Experiences } from '../../../src/report/analyses/q1-experiences.js';
import { currentRules, everyone, learnPolicy, loggedRows, opeRows, type LoggedRow, type Policy } from '../../../src/report/analyses/policy-values.js';
import { learnWorldPolicy } from '../../../src/report/analyses/q4-bracket.js';
import type { PolicyValue } from '../../../src/report/report-types.js';
import { ips, snips } from '../../../src/report/stats/index.js';
import { journeyCells, journeyPolicyValue, type JourneyCell, type JourneyTruth } from '../../../src/simulate/journey-truth.js';
import { JOURNEY_EXPERIENCES, JOURNEYS } from '../../../src/simulate/journeys.js';
import type { SimulationDesign } from '../../../src/simulate/simulation-config.js';
import { simulateAggregate } from './helpers.js';

const Z95 = 1.959964;
const scenario = JOURNEYS;
const cells = journeyCells(scenario);
const ELIGIBLE = JOURNEY_EXPERIENCES.map((e) => e.id).sort();

/** Options of {@link journeySweep}. */
export interface SweepOptions {
  replications: number;
  visitors: number;
  /** Seeds are `seed`, `seed + 1`, …. Default 1. */
  seed?: number;
  /** Default holdout 5 %, control 20 %, explore 20 %. */
  design?: SimulationDesign;
  /** Share of visitors who answer the self-identification prompt. Default 0.3 (Q4 needs answers). */
  askShare?: number;
}

/**
 * What kind of estimate a quantity is: a randomized comparison of arms (Q0–Q2), an off-policy value of a fixed policy
 * (the current rules, or a policy given in advance), the value (learned on one half, measured on the other) of a policy the report learns, or a figure
 * shown for information (in-sample values, distance to the best possible policy), whose interval is not meant to
 * cover that truth.
 */
export type QuantityGroup = 'arms' | 'fixed policy' | 'learned policy' | 'info';

/** Coverage and error of one quantity over the replications. */
export interface QuantityResult {
  name: string;
  group: QuantityGroup;
  /** Replications with a finite estimate and interval. */
  reps: number;
  /** Share of replications whose 95 % interval covers the truth. */
  coverage: number;
  /** The same with the interval the report shows (always-valid for Q0–Q2; the same interval for the off-policy values). */
  reportedCoverage: number;
  /** Mean of estimate − truth, its standard error over replications, and the mean truth. */
  meanError: number;
  seError: number;
  meanTruth: number;
}

interface Tally {
  group: QuantityGroup;
  reps: number;
  covered: number;
  reportedCovered: number;
  errors: number[];
  truths: number[];
}

/** A logged-row view of a cell's decision record, so the report's policies can be valued on the truth. */
const rowOf = new Map<JourneyCell, LoggedRow>(
  cells.map((c) => [
    c,
    {
      fold: 0,
      answer: c.answer,
      audiences: c.record.audiences,
      eligible: ELIGIBLE,
      context: c.record.audiences.join(',') + '|' + ELIGIBLE.join(','),
      action: BASELINE,
      counterfactual: c.record.counterfactual,
      p: 1,
      n: 1,
      conv: 0,
    },
  ]),
);

/** The true value of a report policy (applied to the decision record's context). */
export const truthOf = (policy: Policy): number =>
  journeyPolicyValue(scenario, cells, (c) => {
    const row = rowOf.get(c);
    if (!row) throw new Error('a cell without its row');
    return policy(row);
  });

/**
 * The truth of an estimate learned on one half and measured on the other (the report's splitFit and q4Split): the
 * true value of what was learned on fold 1.
 */
function splitTruth(rows: readonly LoggedRow[], truth: (train: LoggedRow[]) => number): number {
  return truth(rows.filter((r) => r.fold === 1));
}

const signalKey = (r: LoggedRow): string => r.context;

/** Fixed policies whose off-policy estimates must be unbiased (docs/measurement.md §7, item 4). */
export const FIXED_POLICIES: Record<string, Policy> = {
  'current rules': currentRules,
  'everyone standard': () => BASELINE,
  'everyone dev-hero': () => 'dev-hero',
  'docs readers first': (r) => (r.audiences.includes('docs-readers') ? 'dev-hero' : r.audiences.includes('managers') ? 'manager-hero' : BASELINE),
};

/**
 * Runs the replications and returns coverage and error per quantity, with Q1 also read the wrong way (every visitor
 * from their first exposure, as before visitors could come to match) to show what the decision record fixes.
 * @example journeySweep({ replications: 300, visitors: 20_000 }).quantities.filter((q) => q.group !== 'info')
 */
export function journeySweep(options: SweepOptions): { quantities: QuantityResult[]; firstExposure: QuantityResult[]; truth: JourneyTruth } {
  const tallies = new Map<string, Tally>();
  const wrong = new Map<string, Tally>();
  const add = (into: Map<string, Tally>, name: string, group: QuantityGroup, estimate: number, se: number, reported: readonly [number, number], truth: number): void => {
    let t = into.get(name);
    if (!t) into.set(name, (t = { group, reps: 0, covered: 0, reportedCovered: 0, errors: [], truths: [] }));
    if (!Number.isFinite(estimate) || !Number.isFinite(se)) return;
    t.reps++;
    if (Math.abs(estimate - truth) <= Z95 * se) t.covered++;
    if (reported[0] <= truth && truth <= reported[1]) t.reportedCovered++;
    t.errors.push(estimate - truth);
    t.truths.push(truth);
  };
  const addValue = (name: string, group: QuantityGroup, v: PolicyValue | null | undefined, truth: number): void => {
    if (v) add(tallies, name, group, v.value, v.se, v.ci, truth);
  };
  const design = { holdout: 0.05, control: 0.2, explore: 0.2, ...options.design };
  let truth: JourneyTruth | undefined;
  for (let rep = 0; rep < options.replications; rep++) {
    const sim = simulateAggregate({ scenario: 'journeys', visitors: options.visitors, seed: (options.seed ?? 1) + rep, askShare: options.askShare ?? 0.3, design });
    const t = sim.truth as JourneyTruth;
    truth = t;
    const report = analyze(sim.aggregate, { config: sim.config });
    const period = report.periods[0];
    const slot = sim.aggregate.periods[0]?.slots.find((s) => s.slot === 'hero');
    if (!period || !slot) throw new Error('no hero slot in the simulated aggregate');
    const goal = <T extends { goal: string }>(list: T[]): T | undefined => list.find((c) => c.goal === 'signup');

    const q0 = goal(period.q0.comparisons);
    if (q0) {
      add(tallies, 'Q0 personalization vs holdout, relative', 'arms', q0.relative.estimate, q0.relative.se, q0.relative.ci, t.holdout.relativeLift);
      add(tallies, 'Q0 personalization vs holdout, absolute', 'arms', q0.absolute.estimate, q0.absolute.se, q0.absolute.ci, t.holdout.difference);
    }
    const q1 = period.q1.find((s) => s.slot === 'hero');
    for (const e of t.experiences) {
      const c = goal(q1?.experiences.find((x) => x.experience === e.experience)?.comparisons ?? []);
      if (!c) continue;
      add(tallies, `Q1 ${e.experience}, relative lift`, 'arms', c.relative.estimate, c.relative.se, c.relative.ci, e.relativeLift);
      add(tallies, `Q1 ${e.experience}, absolute`, 'arms', c.absolute.estimate, c.absolute.se, c.absolute.ci, e.treatment - e.control);
    }
    // The wrong reading: Q1 from every visitor's first exposure (the aggregate without its decision records).
    const settings = { alpha: 0.05, nStar: 5000, minEffect: 0.05, days: 28 };
    const firstOnly = q1Experiences({ ...slot, decisions: undefined }, sim.aggregate.goals.map((name, index) => ({ name, index })), settings, false, JOURNEY_EXPERIENCES.map((e) => e.id));
    for (const e of t.experiences) {
      const c = goal(firstOnly.experiences.find((x) => x.experience === e.experience)?.comparisons ?? []);
      if (c) add(wrong, `Q1 ${e.experience}, relative lift (first exposure)`, 'arms', c.relative.estimate, c.relative.se, c.relative.ci, e.relativeLift);
    }
    const q2 = goal(period.q2.find((s) => s.slot === 'hero')?.comparisons ?? []);
    if (q2) {
      add(tallies, 'Q2 targeted vs explore, relative', 'arms', q2.relative.estimate, q2.relative.se, q2.relative.ci, t.targeting.relativeLift);
      add(tallies, 'Q2 targeted vs explore, absolute', 'arms', q2.absolute.estimate, q2.absolute.se, q2.absolute.ci, t.targeting.difference);
    }

    const rows = loggedRows(slot.ope, sim.aggregate.goals.indexOf('signup'), sim.config.holdout);
    const rules = t.values.currentRules;
    const q3 = period.q3.find((s) => s.slot === 'hero');
    if (q3) {
      addValue('Q3 current rules (SNIPS)', 'fixed policy', q3.currentRules, rules);
      addValue('Q3 current rules (doubly robust)', 'fixed policy', q3.currentRulesDr, rules);
      const single = splitTruth(rows, (train) => truthOf(learnPolicy(train, everyone)));
      addValue('Q3 best single experience (learned on half)', 'learned policy', q3.bestSingle.value, single);
      addValue('Q3 current rules − best single', 'learned policy', q3.rulesVsBestSingle, rules - single);
      addValue('Q3 best single vs the best possible single (info)', 'info', q3.bestSingle.value, t.values.bestSingle.value);
      for (const d of q3.dimensions) {
        const level = (r: LoggedRow): string => (r.audiences.includes(d.audience) ? 'in' : 'out');
        // The report learns a dimension's rules on rows collapsed to membership × eligibility (q3-segmentation's
        // collapse): its strata are those, not the full logged contexts, so its rules are learned the same way here.
        const collapsed = (train: LoggedRow[]): LoggedRow[] => train.map((r) => ({ ...r, answer: null, context: `${level(r)}|${r.eligible.join(',')}` }));
        const vos = splitTruth(rows, (train) => truthOf(learnPolicy(collapsed(train), level)) - truthOf(learnPolicy(collapsed(train), everyone)));
        addValue(`Q3 value of segmenting by ${d.audience}`, 'learned policy', d.vos, vos);
        addValue(`Q3 value of segmenting by ${d.audience}, in-sample (info)`, 'info', d.vosInSample, truthOf(learnPolicy(collapsed(rows), level)) - truthOf(learnPolicy(rows, everyone)));
      }
    }
    const q4 = period.q4.find((s) => s.slot === 'hero');
    if (q4) {
      const signals = splitTruth(rows, (train) => truthOf(learnPolicy(train, signalKey)));
      addValue('Q4 current rules (answered)', 'fixed policy', q4.currentRules, rules);
      addValue('Q4 current rules (all)', 'fixed policy', q4.currentRulesAll, rules);
      addValue('Q4 best on signals (answered, learned on half)', 'learned policy', q4.bestOnSignals, signals);
      addValue('Q4 best on signals (all, learned on half)', 'learned policy', q4.bestOnSignalsAll, signals);
      addValue('Q4 perfect world (answered, learned on half)', 'learned policy', q4.perfectWorld, splitTruth(rows, (train) => truthOf(learnWorldPolicy(train))));
      addValue('Q4 best on signals vs the best possible (info)', 'info', q4.bestOnSignalsAll, t.values.bestOnSignals);
      addValue('Q4 perfect world vs the best possible (info)', 'info', q4.perfectWorld, t.values.perfectWorld);
      addValue('Q4 best on signals, in-sample (info)', 'info', q4.bestOnSignalsAllInSample, truthOf(learnPolicy(rows, signalKey)));
      addValue('Q4 perfect world, in-sample (info)', 'info', q4.perfectWorldInSample, truthOf(learnWorldPolicy(rows)));
    }
    for (const [name, policy] of Object.entries(FIXED_POLICIES)) {
      const value = truthOf(policy);
      const weighted = opeRows(rows, policy);
      addValue(`OPE ${name} (IPS)`, 'fixed policy', ips(weighted), value);
      addValue(`OPE ${name} (SNIPS)`, 'fixed policy', snips(weighted), value);
    }
  }
  const results = (from: Map<string, Tally>): QuantityResult[] =>
    [...from.entries()].map(([name, t]) => {
      const mean = t.errors.reduce((a, b) => a + b, 0) / Math.max(1, t.reps);
      const sd = Math.sqrt(t.errors.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, t.reps - 1));
      return {
        name,
        group: t.group,
        reps: t.reps,
        coverage: t.covered / Math.max(1, t.reps),
        reportedCoverage: t.reportedCovered / Math.max(1, t.reps),
        meanError: mean,
        seError: sd / Math.sqrt(Math.max(1, t.reps)),
        meanTruth: t.truths.reduce((a, b) => a + b, 0) / Math.max(1, t.reps),
      };
    });
  if (!truth) throw new Error('no replication');
  return { quantities: results(tallies), firstExposure: results(wrong), truth };
}

/** The figures as a plain-text table. */
export function sweepTable(results: QuantityResult[]): string {
  const rows = [['quantity', 'kind', 'reps', 'coverage', 'reported', 'mean truth', 'mean error', 'error / SE']];
  for (const q of results) {
    rows.push([q.name, q.group, String(q.reps), `${(q.coverage * 100).toFixed(1)}%`, `${(q.reportedCoverage * 100).toFixed(1)}%`, q.meanTruth.toFixed(4), q.meanError.toFixed(4), (q.meanError / q.seError).toFixed(2)]);
  }
  const width = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i < 2 ? c.padEnd(width[i] ?? 0) : c.padStart(width[i] ?? 0))).join('  ')).join('\n');
}
