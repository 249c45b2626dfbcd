/**
 * Seeded pseudo-random numbers for the statistics simulations, so every simulation test is
 * deterministic: mulberry32 uniforms, Box–Muller normals, Marsaglia–Tsang gammas, betas, and an
 * exact binomial sampler (Knuth's order-statistic splitting, TAOCP vol. 2 §3.4.1) whose cost grows
 * with log n, so 100k-visitor arms cost microseconds.
 */

/** A source of uniforms in [0, 1). */
export type Random = () => number;

/** mulberry32: a small 32-bit PRNG with a 2³² period, good enough for simulations. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller. */
export function normal(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 by the `U^{1/a}` boost. */
export function gamma(random: Random, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) as a ratio of gammas. */
export function beta(random: Random, a: number, b: number): number {
  const x = gamma(random, a);
  return x / (x + gamma(random, b));
}

/**
 * Exact Binomial(n, p): while n is large, draw the median order statistic Y of n uniforms
 * (~ Beta(k, n + 1 − k)) and recurse into the side that contains p; finish with Bernoulli trials.
 */
export function binomial(random: Random, n: number, p: number): number {
  let successes = 0;
  let trials = n;
  let prob = p;
  while (trials > 40) {
    if (prob <= 0) return successes;
    if (prob >= 1) return successes + trials;
    const k = 1 + Math.floor(trials / 2);
    const y = beta(random, k, trials + 1 - k);
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
export function multinomial(random: Random, n: number, probabilities: readonly number[]): number[] {
  const counts: number[] = [];
  let remaining = n;
  let mass = 1;
  probabilities.forEach((probability, i) => {
    const last = i === probabilities.length - 1;
    const share = last ? 1 : mass > 0 ? Math.min(1, probability / mass) : 0;
    const draw = binomial(random, remaining, share);
    counts.push(draw);
    remaining -= draw;
    mass -= probability;
  });
  return counts;
}
