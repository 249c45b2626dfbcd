import { describe, expect, test } from 'vitest';
import type { Aggregate } from '../../../src/report/aggregate-types.js';
import { sampleAggregate } from '../../../src/simulate/sample-aggregate.js';
import { simulateAggregate } from './helpers.js';

/** Visitors per (arm, shown, counterfactual) cell, with each cell's logged propensities. */
function cells(aggregate: Aggregate): Map<string, { n: number; conv: number; propensities: Set<number> }> {
  const out = new Map<string, { n: number; conv: number; propensities: Set<number> }>();
  for (const c of aggregate.periods[0]?.slots.find((s) => s.slot === 'hero')?.ope ?? []) {
    const key = `${c.arm} ${c.action} ${c.counterfactual}`;
    const cell = out.get(key) ?? { n: 0, conv: 0, propensities: new Set<number>() };
    cell.n += c.n;
    cell.conv += c.conv[aggregate.goals.indexOf('signup')] ?? 0;
    cell.propensities.add(Math.round(c.propensity * 1e12) / 1e12);
    out.set(key, cell);
  }
  return out;
}

describe('the fast sampler draws what the event path logs', () => {
  test('same cells, same propensities as decide(), shares and rates within sampling error (cell path and visitor path)', () => {
    const N = 60_000;
    const events = cells(simulateAggregate({ scenario: 'losing-experience', visitors: N, seed: 31, duplicateRate: 0 }).aggregate);
    for (const perVisitor of [false, true]) {
      const fast = cells(sampleAggregate({ scenario: 'losing-experience', visitors: N, seed: 32, perVisitor }).aggregate);
      expect([...fast.keys()].sort()).toEqual([...events.keys()].sort());
      for (const [key, e] of events) {
        const f = fast.get(key);
        if (!f) throw new Error(key);
        expect([...f.propensities]).toEqual([...e.propensities]);
        // Shares of visitors: two independent samples, 5 standard errors apart at most.
        const share = (e.n + f.n) / (2 * N);
        expect(Math.abs(f.n - e.n) / N).toBeLessThan(5 * Math.sqrt((2 * share * (1 - share)) / N));
        const rate = (e.conv + f.conv) / (e.n + f.n);
        if (e.n > 2000) expect(Math.abs(f.conv / f.n - e.conv / e.n)).toBeLessThan(5 * Math.sqrt(rate * (1 - rate) * (1 / e.n + 1 / f.n)));
      }
    }
  });

  test('the non-response scenario answers by its weights; shadow audiences are logged with their prevalence', () => {
    const { aggregate } = sampleAggregate({ scenario: 'non-response', visitors: 400_000, seed: 5, askShare: 0.05 });
    const answers = aggregate.periods[0]?.answers ?? [];
    const respondents = answers.reduce((t, a) => t + a.n, 0);
    const returning = answers.filter((a) => a.audiences.includes('returning')).reduce((t, a) => t + a.n, 0);
    expect(respondents / 400_000).toBeCloseTo(0.05, 2); // the weights average 1
    expect(returning / respondents).toBeCloseTo(0.8 / (0.8 + 0.6 / 3), 1.5); // 40% returning × 2 vs 60% × 1/3
    const aa = sampleAggregate({ scenario: 'aa-12-audiences', visitors: 20_000, seed: 6 });
    const logged = new Set(aa.aggregate.periods[0]?.slots[0]?.ope.flatMap((c) => c.audiences));
    expect(logged.size).toBe(12);
    expect(Object.keys(aa.config.audiences)).toHaveLength(12);
  });
});
