import { describe, expect, it } from 'vitest';
import { absoluteDifference, enoughData, minimumDetectableEffect, visitorsNeededPerArm } from '../../../src/report/stats/index.js';
import { binomial, mulberry32 } from './seeded-random.js';

describe('power, MDE and the minimum-data rule', () => {
  it('MDE = se·(z₀.₉₇₅ + z₀.₈) ≈ 2.8016·se', () => {
    expect(minimumDetectableEffect(0.01)).toBeCloseTo(0.02801585218112968, 12);
    expect(minimumDetectableEffect(0.01, 0.05, 0.9)).toBeCloseTo(0.01 * (1.959963984540054 + 1.2815515655446004), 12);
  });

  it('visitors per arm for a 20 % relative lift on 3 %', () => {
    expect(visitorsNeededPerArm(0.03, 0.2)).toBe(13911);
    expect(visitorsNeededPerArm(0.03, 0)).toBe(Infinity);
    expect(visitorsNeededPerArm(0, 0.2)).toBe(Infinity);
  });

  it('that many visitors really give ≈ 80 % power (simulation)', () => {
    const random = mulberry32(99);
    const n = visitorsNeededPerArm(0.03, 0.2);
    const runs = 1000;
    let detected = 0;
    for (let rep = 0; rep < runs; rep++) {
      const xc = binomial(random, n, 0.03);
      const xt = binomial(random, n, 0.036);
      if (absoluteDifference({ n, sum: xc, sumSq: xc }, { n, sum: xt, sumSq: xt }, { binary: true }).p < 0.05) detected++;
    }
    expect(detected / runs).toBeGreaterThan(0.76);
    expect(detected / runs).toBeLessThan(0.84);
  });

  it('no verdict before 7 days and 25 conversions in each arm', () => {
    const arm = (sum: number) => ({ n: 1000, sum, sumSq: sum });
    expect(enoughData(arm(25), arm(25), 7)).toBe(true);
    expect(enoughData(arm(25), arm(25), 6)).toBe(false);
    expect(enoughData(arm(24), arm(300), 30)).toBe(false);
    expect(enoughData(arm(300), arm(24), 30)).toBe(false);
  });
});
