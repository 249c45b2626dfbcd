import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, holm, intervalForP, normalCdf } from '../../../src/report/stats/index.js';

describe('multiple comparisons', () => {
  it('adjusted p-values are monotone in the raw ones, ≥ raw, ≤ 1, and in input order', () => {
    const p = [0.2, 0.001, 0.04, 0.9, 0.03, 0.5];
    for (const adjusted of [holm(p), benjaminiHochberg(p)]) {
      adjusted.forEach((value, i) => {
        expect(value).toBeGreaterThanOrEqual(p[i] ?? 0);
        expect(value).toBeLessThanOrEqual(1);
      });
      const order = p.map((_, i) => i).sort((a, b) => (p[a] ?? 0) - (p[b] ?? 0));
      for (let k = 1; k < order.length; k++) {
        expect(adjusted[order[k] ?? 0]).toBeGreaterThanOrEqual(adjusted[order[k - 1] ?? 0] ?? 0);
      }
    }
    expect(holm([])).toEqual([]);
    expect(benjaminiHochberg([0.03])).toEqual([0.03]);
  });

  it('Holm is never less conservative than BH', () => {
    const p = [0.01, 0.02, 0.03, 0.04, 0.05];
    const h = holm(p);
    benjaminiHochberg(p).forEach((value, i) => {
      expect(h[i]).toBeGreaterThanOrEqual(value);
    });
  });

  it('the back-solved interval excludes 0 exactly when the adjusted p is below α', () => {
    const estimate = 0.02;
    const se = 0.008;
    const raw = 2 * normalCdf(-estimate / se);
    // unadjusted p gives back the plain z interval
    const plain = intervalForP(estimate, se, raw);
    expect(plain[0]).toBeCloseTo(estimate - 1.959963984540054 * se, 12);
    for (const pAdjusted of [0.001, 0.0499, 0.0501, 0.2, 0.9]) {
      const [lo, hi] = intervalForP(estimate, se, pAdjusted);
      expect(lo > 0 || hi < 0).toBe(pAdjusted < 0.05);
      expect(hi - lo).toBeGreaterThan(0);
    }
    expect(intervalForP(-0.02, se, 0.01)[1]).toBeLessThan(0);
    expect(intervalForP(estimate, se, 1)).toEqual([-Infinity, Infinity]);
  });
});
