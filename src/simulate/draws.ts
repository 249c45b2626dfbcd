/**
 * Random draws for the simulator's fast path: Gamma, Beta and an exact Binomial whose cost grows with log n (Knuth's
 * order-statistic splitting, TAOCP vol. 2 §3.4.1), so a cell of a million visitors costs microseconds.
 */

/** A source of uniforms in [0, 1). */
export type Random = () => number;

/** Standard normal by Box–Muller. */
export function normalDraw(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 by the `U^{1/a}` boost. */
export function gammaDraw(random: Random, shape: number): number {
  if (shape < 1) return gammaDraw(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalDraw(random);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) as a ratio of gammas. */
export function betaDraw(random: Random, a: number, b: number): number {
  const x = gammaDraw(random, a);
  return x / (x + gammaDraw(random, b));
}

/**
 * Exact Binomial(n, p): while n is large, draw the median order statistic Y of n uniforms (~ Beta(k, n + 1 − k)) and
 * continue in the side that contains p; finish with Bernoulli trials.
 */
export function binomialDraw(random: Random, n: number, p: number): number {
  let successes = 0;
  let trials = n;
  let prob = p;
  while (trials > 40) {
    if (prob <= 0) return successes;
    if (prob >= 1) return successes + trials;
    const k = 1 + Math.floor(trials / 2);
    const y = betaDraw(random, k, trials + 1 - k);
    if (y >= prob) {
      trials = k - 1;
      prob = prob / y;
    } else {
      successes += k;
      trials = trials - k;
      prob = (prob - y) / (1 - y);
    }
  }
  for (let i = 0; i < trials; i++) if (random() < prob) successes++;
  return successes;
}

/** Multinomial counts of n draws over the given probabilities (sequential conditional binomials). */
export function multinomialDraw(random: Random, n: number, probabilities: readonly number[]): number[] {
  const counts: number[] = [];
  let remaining = n;
  let mass = probabilities.reduce((t, x) => t + x, 0);
  probabilities.forEach((probability, i) => {
    const last = i === probabilities.length - 1;
    const share = last ? 1 : mass > 0 ? Math.min(1, probability / mass) : 0;
    const draw = binomialDraw(random, remaining, share);
    counts.push(draw);
    remaining -= draw;
    mass -= probability;
  });
  return counts;
}
