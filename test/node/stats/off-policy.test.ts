import { describe, expect, it } from 'vitest';
import { doublyRobust, ips, pairedDifference, snips, type OpeRow } from '../../../src/report/stats/index.js';

describe('off-policy estimators', () => {
  // Two audiences × two actions, logged uniformly (p = 0.5); the target always shows action 1.
  // cells: [x, a, shown, converted]
  const cells: [number, number, number, number][] = [
    [0, 0, 500, 20],
    [0, 1, 500, 40],
    [1, 0, 500, 30],
    [1, 1, 500, 10],
  ];
  const q = [
    [20 / 500, 40 / 500],
    [30 / 500, 10 / 500],
  ];
  const rows = (withModel: boolean): OpeRow[] =>
    cells.flatMap(([x, a, shown, converted]) => {
      const w = a === 1 ? 2 : 0;
      const model = withModel ? { qLogged: q[x]?.[a] ?? 0, qTarget: q[x]?.[1] ?? 0 } : {};
      return [
        { w, r: 1, count: converted, ...model },
        { w, r: 0, count: shown - converted, ...model },
      ];
    });

  it('IPS, SNIPS and DR agree on the true value when weights average 1 and q̂ is the cell mean', () => {
    const truth = 0.5 * (40 / 500) + 0.5 * (10 / 500); // 0.05
    expect(ips(rows(false)).value).toBeCloseTo(truth, 12);
    expect(snips(rows(false)).value).toBeCloseTo(truth, 12);
    const dr = doublyRobust(rows(true));
    expect(dr.value).toBeCloseTo(truth, 12);
    // with a perfect model the DR terms vary less than the IPS ones
    expect(dr.se).toBeLessThan(ips(rows(false)).se);
    // without a model DR is IPS
    expect(doublyRobust(rows(false)).value).toBeCloseTo(ips(rows(false)).value, 12);
  });

  it('reports diagnostics: n, ESS and the mean weight', () => {
    const estimate = ips(rows(false));
    expect(estimate.n).toBe(2000);
    expect(estimate.meanWeight).toBeCloseTo(1, 12);
    expect(estimate.ess).toBeCloseTo(1000, 9);
    expect(estimate.ci[0]).toBeLessThan(estimate.value);
    expect(estimate.ci[1]).toBeGreaterThan(estimate.value);
  });

  it('paired difference: identical policies give exactly 0; agreement cancels, so it is tighter than two intervals', () => {
    // π₁ always shows action 1; π₂ shows action 1 to audience 0 and action 0 to audience 1.
    const paired = cells.flatMap(([x, a, shown, converted]) => {
      const w1 = a === 1 ? 2 : 0;
      const w2 = a === (x === 0 ? 1 : 0) ? 2 : 0;
      return [
        { w1, w2, r: 1, count: converted },
        { w1, w2, r: 0, count: shown - converted },
      ];
    });
    const same = paired.map((row) => ({ ...row, w2: row.w1 }));
    const second = (row: { w2: number; r: number; count: number }): OpeRow => ({ w: row.w2, r: row.r, count: row.count });
    const first = (row: { w1: number; r: number; count: number }): OpeRow => ({ w: row.w1, r: row.r, count: row.count });
    for (const [estimator, single] of [['ips', ips], ['snips', snips]] as const) {
      expect(pairedDifference(same, estimator)).toMatchObject({ value: 0, se: 0 });
      const diff = pairedDifference(paired, estimator);
      expect(diff.value).toBeCloseTo(0.05 - 0.07, 12); // π₂: 0.5·0.08 + 0.5·0.06
      const separate = Math.hypot(single(paired.map(first)).se, single(paired.map(second)).se);
      expect(diff.se).toBeLessThan(separate);
    }
  });

  it('empty input does not throw', () => {
    expect(ips([]).value).toBeNaN();
    expect(snips([]).ci).toEqual([-Infinity, Infinity]);
    expect(pairedDifference([], 'snips').value).toBeNaN();
  });
});
