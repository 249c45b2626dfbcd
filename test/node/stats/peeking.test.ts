/**
 * Peeking (docs/measurement.md §3.4, §7.1): an A/A test looked at 100 times. Stopping at the first
 * fixed-horizon p < 0.05 declares a difference far more often than 5 %; the always-valid asymptotic
 * confidence sequence and the mSPRT keep it at or below 5 %. The test asserts both sides, so it
 * fails if someone "simplifies" the sequential code into the fixed interval.
 */
import { describe, expect, it } from 'vitest';
import { absoluteDifference, asymptoticConfidenceSequence, msprt, type ArmStats } from '../../../src/report/stats/index.js';
import { binomial, mulberry32 } from './seeded-random.js';

describe('A/A with 100 looks (p = 3 %, 200 visitors per arm per look, 20,000 per arm at the end)', () => {
  it('naive stopping exceeds 5 % false positives; always-valid inference stays ≤ 5 %', () => {
    const replications = 2000;
    const looks = 100;
    const perLook = 200;
    const rate = 0.03;
    const random = mulberry32(42);
    const plannedTotal = 2 * looks * perLook;
    let naive = 0;
    let sequence = 0;
    let sequenceDefault = 0;
    let mixture = 0;
    for (let rep = 0; rep < replications; rep++) {
      const c: ArmStats = { n: 0, sum: 0, sumSq: 0 };
      const t: ArmStats = { n: 0, sum: 0, sumSq: 0 };
      let naiveHit = false;
      let sequenceHit = false;
      let sequenceDefaultHit = false;
      let mixtureP = 1;
      for (let look = 0; look < looks; look++) {
        const xc = binomial(random, perLook, rate);
        const xt = binomial(random, perLook, rate);
        c.n += perLook;
        c.sum += xc;
        c.sumSq += xc;
        t.n += perLook;
        t.sum += xt;
        t.sumSq += xt;
        const diff = absoluteDifference(c, t, { binary: true });
        if (diff.p < 0.05) naiveHit = true;
        const [lo, hi] = asymptoticConfidenceSequence(diff.estimate, diff.se, c.n + t.n, plannedTotal);
        if (lo > 0 || hi < 0) sequenceHit = true;
        const [lo5k, hi5k] = asymptoticConfidenceSequence(diff.estimate, diff.se, c.n + t.n, 5000);
        if (lo5k > 0 || hi5k < 0) sequenceDefaultHit = true;
        mixtureP = msprt(c, t, { tau: 0.005, binary: true, previousP: mixtureP }).p;
      }
      if (naiveHit) naive++;
      if (sequenceHit) sequence++;
      if (sequenceDefaultHit) sequenceDefault++;
      if (mixtureP < 0.05) mixture++;
    }
    // observed with this seed: naive 37.6 %, CS (N* = 40,000) 1.3 %, CS (N* = 5,000) 1.8 %, mSPRT (τ = 0.005) 1.45 %
    expect(naive / replications).toBeGreaterThan(0.25);
    expect(sequence / replications).toBeLessThanOrEqual(0.05);
    expect(sequenceDefault / replications).toBeLessThanOrEqual(0.05);
    expect(mixture / replications).toBeLessThanOrEqual(0.05);
  });
});
