import { describe, expect, it } from 'vitest';
import {
  chiSquareSf,
  lbeta,
  lgamma,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from '../../../src/report/stats/index.js';

function expectRel(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('distributions (reference values from SciPy / mpmath)', () => {
  it('lgamma', () => {
    expectRel(lgamma(0.5), 0.5723649429247001);
    expect(Math.abs(lgamma(1))).toBeLessThan(1e-14);
    expectRel(lgamma(10), Math.log(362880));
    expectRel(lgamma(100), 359.1342053695754);
    expectRel(lgamma(1e6), 12815504.569147613);
    expectRel(lgamma(-0.5), 1.2655121234846454);
  });

  it('lbeta keeps its precision for large arguments', () => {
    expectRel(lbeta(3, 4), -4.0943445622221, 1e-13);
    expectRel(lbeta(10, 0.5), -0.566432796397594, 1e-13);
    expectRel(lbeta(0.5, 5e5), -5.988816495777464, 1e-13);
    expectRel(lbeta(12.5, 10), -15.383803803790864, 1e-13);
    expectRel(lbeta(1e4, 3e4), -22496.948166341113, 1e-14);
  });

  it('normal CDF, both tails with relative precision', () => {
    expect(normalCdf(0)).toBe(0.5);
    expectRel(normalCdf(1.959963984540054), 0.975);
    expectRel(normalCdf(-1.959963984540054), 0.025);
    expectRel(normalCdf(-8), 6.22096057427174e-16, 1e-11);
    expectRel(normalCdf(-20), 2.7536241186061556e-89, 1e-11);
    expectRel(normalCdf(1), 0.8413447460685429);
  });

  it('normal quantile to full double precision', () => {
    expectRel(normalQuantile(0.975), 1.959963984540054, 1e-14);
    expectRel(normalQuantile(0.8), 0.8416212335729143, 1e-14);
    expectRel(normalQuantile(1e-10), -6.361340902404056, 1e-14);
    expectRel(normalQuantile(0.999), 3.090232306167813, 1e-13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    for (const p of [1e-300, 1e-50, 0.001, 0.02, 0.3, 0.6, 0.97, 0.9999]) expectRel(normalCdf(normalQuantile(p)), p, 1e-13);
  });

  it('Student t CDF and quantile', () => {
    expectRel(studentTQuantile(0.975, 1), 12.706204736174694, 1e-12);
    expectRel(studentTQuantile(0.975, 10), 2.228138851986274, 1e-12);
    expectRel(studentTQuantile(0.025, 3), -3.1824463052837086, 1e-12);
    expectRel(studentTQuantile(0.975, 55.707), 2.0034732555200527, 1e-12);
    // very large ν: the beta continued fraction runs ~√ν terms and keeps ~1e−10, far beyond 4 digits
    expectRel(studentTQuantile(0.975, 1e6), 1.959966356814107, 1e-10);
    expectRel(studentTQuantile(0.975, Infinity), 1.959963984540054, 1e-14);
    expectRel(studentTCdf(2.228138851986274, 10), 0.975, 1e-12);
    expectRel(studentTCdf(-12.706204736174694, 1), 0.025, 1e-12);
    expectRel(studentTCdf(-40, 5), 9.205981085886477e-8, 1e-10);
    expectRel(studentTCdf(0.5, 2.5), 0.6711510400651426, 1e-12);
    for (const df of [0.5, 1, 2.5, 30, 1e4]) {
      for (const p of [1e-8, 0.01, 0.3, 0.9, 0.999]) expectRel(studentTCdf(studentTQuantile(p, df), df), p, 1e-10);
    }
  });

  it('χ² survival function', () => {
    expectRel(chiSquareSf(3.841458820694124, 1), 0.05, 1e-12);
    expectRel(chiSquareSf(5.991464547107979, 2), 0.05, 1e-12);
    expectRel(chiSquareSf(40, 1), 2.5396285894708634e-10, 1e-10);
    expectRel(chiSquareSf(100, 50), 3.454931382984871e-5, 1e-11);
    expect(chiSquareSf(0, 3)).toBe(1);
  });
});
