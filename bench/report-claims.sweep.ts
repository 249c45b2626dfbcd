/**
 * Figures behind the report's claims, from simulated worlds with known truth (not a test: it prints, it asserts
 * nothing). The tests in test/node/simulate/report-claims.test.ts guard the same properties with fewer replications.
 *
 *   npx vitest run --config bench/vitest.config.ts bench/report-claims.sweep.ts
 *
 * 1. A/A with 12 logged audiences: how often "Segmenting … is worth" is claimed, with the simultaneous (Bonferroni)
 *    interval the report uses, and with each dimension's own interval (what a naive "best of 12" would print).
 * 2. Q4: coverage of "your rules reach X % of the best rule on these signals" and "Y % of a perfect world"; the truth
 *    is exact: the value of the rules the report learned, from the scenario's rates. Also against the true best rules.
 * 3. The non-response sentence: how often it appears when respondents are a random sample, and when they are not.
 */
import { test } from 'vitest';
import { analyze } from '../src/report/analyze.js';
import { currentRules, loggedRows } from '../src/report/analyses/policy-values.js';
import { q4Bracket, q4Split } from '../src/report/analyses/q4-bracket.js';
import { sampleAggregate } from '../src/simulate/sample-aggregate.js';
import { segmentScenarioByName } from '../src/simulate/simulate-events.js';
import { simulationTruth } from '../src/simulate/simulation-truth.js';
import { exactValue } from '../test/node/simulate/exact-value.js';

const pct = (x: number, n: number): string => `${((100 * x) / n).toFixed(1)}% (${x}/${n})`;

test('A/A, 12 logged audiences: false "worth" claims', () => {
  for (const visitors of [6000, 20_000]) {
    const seeds = 400;
    let adjusted = 0;
    let naive = 0;
    const started = performance.now();
    for (let s = 0; s < seeds; s++) {
      const { aggregate, config } = sampleAggregate({ scenario: 'aa-12-audiences', visitors, seed: `sweep-aa-${s}` });
      const r = analyze(aggregate, { config });
      if (r.headlines.some((h) => h.includes(' is worth '))) adjusted++;
      const top = r.periods[0]?.q3[0]?.dimensions[0];
      if (top && top.vos.se > 0 && top.vos.ci[0] > 0) naive++;
    }
    console.log(`A/A ${visitors} visitors × ${seeds} seeds: "worth" headline ${pct(adjusted, seeds)}; naive best-of-12 with its own interval ${pct(naive, seeds)}; ${((performance.now() - started) / seeds).toFixed(0)} ms/seed`);
  }
});

test('Q4 gap figures: coverage', () => {
  for (const [scenarioName, visitors, askShare, reps] of [
    ['wrong-categories', 1_000_000, 0.1, 1000],
    ['poor-signals', 1_000_000, 0.1, 1000],
    ['poor-signals', 1_000_000, 0.02, 1000],
    ['wrong-categories', 100_000, 0.1, 1000],
  ] as const) {
    const scenario = segmentScenarioByName(scenarioName);
    const truth = simulationTruth(scenario, { holdout: 0.05, control: 0.1, explore: 0.1 });
    const c = { x: 0, xGiven: 0, y: 0, yReported: 0, xBest: 0, yBest: 0, crossed: 0 };
    for (let i = 0; i < reps; i++) {
      const { aggregate } = sampleAggregate({ scenario, visitors, seed: `sweep-q4-${i}`, askShare });
      const slot = aggregate.periods[0]?.slots[0];
      if (!slot) throw new Error('no slot');
      const q4 = q4Bracket(slot, aggregate.goals, 0, 0.05);
      const { signals, world } = q4Split(loggedRows(slot.ope, 0, 0.05));
      const x = exactValue(currentRules, scenario) / exactValue(signals, scenario);
      const y = exactValue(currentRules, scenario, true) / exactValue(world, scenario, true);
      const xBest = truth.values.currentRules / truth.values.bestOnSignals;
      const yBest = truth.values.currentRules / truth.values.perfectWorld;
      const inside = (ci: [number, number], v: number): boolean => ci[0] <= v && v <= ci[1];
      if (Number.isFinite(q4.reachOfBest.ci[0])) {
        c.xGiven++;
        if (inside(q4.reachOfBest.ci, x)) c.x++;
        if (inside(q4.reachOfBest.ci, xBest)) c.xBest++;
      }
      const r = q4.reachOfPerfect;
      if (r && Number.isFinite(r.ratio) && r.effectiveConversions >= 10) {
        c.yReported++;
        if (inside(r.ci, y)) c.y++;
        if (inside(r.ci, yBest)) c.yBest++;
      }
      if (q4.note.includes('comes out below')) c.crossed++;
    }
    console.log(
      `Q4 ${scenarioName}, ${visitors} visitors, ${askShare * 100}% asked, ${reps} reps: X given in ${pct(c.xGiven, reps)} (elsewhere the learned rule is the current rules), covers ${pct(c.x, c.xGiven)} (the true best rule: ${pct(c.xBest, c.xGiven)}); Y given in ${pct(c.yReported, reps)}, covers ${pct(c.y, c.yReported)} (the true perfect world: ${pct(c.yBest, c.yReported)}); estimates cross the expected order (and the note says why) in ${pct(c.crossed, reps)}`,
    );
  }
});

test('the non-response sentence', () => {
  for (const visitors of [300_000, 1_000_000]) {
    for (const scenario of ['poor-signals', 'non-response']) {
      const seeds = 1000;
      let said = 0;
      for (let s = 0; s < seeds; s++) {
        const { aggregate } = sampleAggregate({ scenario, visitors, seed: `sweep-nr-${s}`, askShare: 0.02 });
        const slot = aggregate.periods[0]?.slots[0];
        if (!slot) throw new Error('no slot');
        if (q4Bracket(slot, aggregate.goals, 0, 0.05).note.includes('Respondents differ')) said++;
      }
      console.log(`non-response sentence, ${scenario}, ${visitors} visitors, 2% asked: ${pct(said, seeds)}`);
    }
  }
});
