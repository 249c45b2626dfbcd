/**
 * Distribution functions for the report: normal, Student t and χ², written from the textbook
 * formulas (no dependency). Accuracy: normal ~1e−15 relative in both tails; t and χ² ~1e−13
 * relative for moderate degrees of freedom, ~1e−10 for ν ≳ 10⁵ (the continued fraction then runs
 * ~√ν terms near its switch point) — far beyond the 4 significant digits a report prints.
 *
 * Sources: Lanczos approximation for ln Γ (g = 7, n = 9; Numerical Recipes 3rd ed. §6.1);
 * regularized incomplete gamma by series / Legendre continued fraction and regularized incomplete
 * beta by its continued fraction, both evaluated with the modified Lentz method (NR §6.2, §6.4,
 * §5.2); normal quantile by P. J. Acklam's rational approximation (2003) refined by one Halley step.
 */

const TINY = 1e-300;
const EPS = 1e-15;
const MAX_ITER = 100_000;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Natural log of the gamma function, `ln |Γ(x)|`, by the Lanczos approximation (g = 7),
 * with the reflection `ln Γ(x) = ln(π / |sin πx|) − ln Γ(1 − x)` for x < 0.5.
 * Returns `Infinity` at the poles (0, −1, −2, …) and `NaN` for NaN.
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) {
    const s = Math.sin(Math.PI * x);
    if (s === 0) return Infinity;
    return Math.log(Math.PI / Math.abs(s)) - lgamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] ?? 0) / (z + i);
  const t = z + 7.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Stirling-series remainder `δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π]`, accurate to ~1e−17 for x ≥ 10. */
function stirlingRemainder(x: number): number {
  const r = 1 / (x * x);
  return (
    (1 / x) *
    (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188 - r * (691 / 360360 - r / 156))))))
  );
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). When an argument is ≥ 10 the large ln Γ terms are
 * cancelled analytically through Stirling's series (`log1p` forms), so it keeps ~1e−15 absolute
 * precision even for a = 10⁶ (the naive difference would lose 7 digits there).
 */
export function lbeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (!(big >= 10) || !(small > 0)) return lgamma(a) + lgamma(b) - lgamma(a + b);
  const correction = stirlingRemainder(big) - stirlingRemainder(big + small);
  if (small >= 10) {
    return (
      LN_SQRT_2PI -
      0.5 * Math.log(small) -
      (big - 0.5) * Math.log1p(small / big) -
      small * Math.log1p(big / small) +
      stirlingRemainder(small) +
      correction
    );
  }
  // ln Γ(big) − ln Γ(big + small) = −(big − ½) log1p(small/big) − small·ln(big + small) + small + δ(big) − δ(big + small)
  return lgamma(small) - (big - 0.5) * Math.log1p(small / big) - small * Math.log(big + small) + small + correction;
}

/** Lower regularized incomplete gamma P(a, x) by its power series (converges fast for x < a + 1). */
function gammaPSeries(a: number, x: number): number {
  let ap = a;
  let term = 1 / a;
  let sum = term;
  for (let i = 0; i < MAX_ITER; i++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lgamma(a));
}

/** Upper regularized incomplete gamma Q(a, x) by its continued fraction (x ≥ a + 1), modified Lentz. */
function gammaQContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lgamma(a)) * h;
}

/**
 * Upper regularized incomplete gamma `Q(a, x) = Γ(a, x) / Γ(a)` (a > 0, x ≥ 0),
 * accurate in relative terms in the upper tail.
 */
export function gammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaPSeries(a, x) : gammaQContinuedFraction(a, x);
}

/**
 * Continued fraction for the regularized incomplete beta (valid for x < (a + 1)/(a + b + 2)),
 * modified Lentz; `y = 1 − x` passed separately to keep precision near x = 1.
 */
function betaContinuedFraction(x: number, y: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  // ln x and ln y from whichever of x, y is known to full relative precision (matters for large a, b)
  const lnX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const lnY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(a * lnX + b * lnY - lbeta(a, b)) / a;
  return front * h;
}

/**
 * Regularized incomplete beta `I_x(a, b)`; pass `y = 1 − x` when it is known more precisely than
 * `1 − x` (e.g. computed directly). Uses the symmetry `I_x(a, b) = 1 − I_{1−x}(b, a)` so the
 * continued fraction always converges quickly.
 */
export function incompleteBeta(x: number, a: number, b: number, y = 1 - x): number {
  if (Number.isNaN(x) || Number.isNaN(a) || Number.isNaN(b) || a <= 0 || b <= 0) return NaN;
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  if (x < (a + 1) / (a + b + 2)) return betaContinuedFraction(x, y, a, b);
  return 1 - betaContinuedFraction(y, x, b, a);
}

/**
 * Standard normal CDF `Φ(x) = ½ erfc(−x/√2)`, with `erfc(z) = Q(½, z²)` (regularized upper
 * incomplete gamma), so both tails keep full relative precision.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const tail = 0.5 * gammaQ(0.5, (x * x) / 2);
  return x < 0 ? tail : 1 - tail;
}

/** Standard normal density `φ(x) = exp(−x²/2)/√(2π)`. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x - LN_SQRT_2PI);
}

const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function poly(coefficients: readonly number[], x: number): number {
  let result = 0;
  for (const c of coefficients) result = result * x + c;
  return result;
}

/**
 * Standard normal quantile `Φ⁻¹(p)`: Acklam's rational approximation (relative error 1.15e−9)
 * followed by one Halley step on `Φ(x) − p` (Acklam's own refinement), which brings it to full
 * double precision. Returns ∓Infinity at p = 0 / 1 and NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = poly(ACKLAM_C, q) / (poly(ACKLAM_D, q) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x = (poly(ACKLAM_A, r) * q) / (poly(ACKLAM_B, r) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -poly(ACKLAM_C, q) / (poly(ACKLAM_D, q) * q + 1);
  }
  // Halley refinement; compute the error on the side where it is precise.
  const e = p < 0.5 ? normalCdf(x) - p : 1 - p - normalCdf(-x);
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Degrees of freedom above which the t distribution is treated as normal (difference < 1e-10). */
const T_AS_NORMAL_DF = 1e10;

/**
 * Upper tail of Student's t, `P(T > t)` for t ≥ 0: `½ I_{ν/(ν+t²)}(ν/2, ½)`.
 */
function studentTUpperTail(t: number, df: number): number {
  if (df > T_AS_NORMAL_DF) return normalCdf(-t);
  const t2 = t * t;
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  return 0.5 * incompleteBeta(x, df / 2, 0.5, y);
}

/**
 * Student t CDF `F_ν(t)` via the regularized incomplete beta:
 * `P(T > |t|) = ½ I_{ν/(ν+t²)}(ν/2, ½)`. `df = Infinity` gives the normal CDF. NaN for df ≤ 0.
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = studentTUpperTail(Math.abs(t), df);
  return t < 0 ? tail : 1 - tail;
}

/** Student t density with ν degrees of freedom. */
function studentTPdf(t: number, df: number): number {
  if (df > T_AS_NORMAL_DF) return normalPdf(t);
  // Γ((ν+1)/2) / (Γ(ν/2) √(νπ)) = 1 / (√ν B(ν/2, ½))
  return Math.exp(-lbeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Student t quantile `F_ν⁻¹(p)`: Newton's method on the upper tail from the normal quantile,
 * safeguarded by bisection inside a bracket. `df = Infinity` gives `Φ⁻¹(p)`.
 * Returns ∓Infinity at p = 0 / 1, NaN for p outside [0, 1] or df ≤ 0.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || p < 0 || p > 1 || df <= 0) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df > T_AS_NORMAL_DF) return normalQuantile(p);
  const q = p < 0.5 ? p : 1 - p; // upper-tail probability to solve for, t > 0
  const z = -normalQuantile(q);
  // Cornish–Fisher start (first two terms), good for moderate df.
  let t = z + (z * z * z + z) / (4 * df);
  let lo = 0;
  let hi = Math.max(2 * t, 1);
  while (studentTUpperTail(hi, df) > q && hi < 1e300) {
    lo = hi;
    hi *= 4;
  }
  if (!(t > lo && t < hi)) t = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const g = studentTUpperTail(t, df) - q;
    if (g > 0) lo = t;
    else hi = t;
    let next = t + g / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-14 * Math.abs(t) || hi - lo <= 1e-15 * hi) {
      t = next;
      break;
    }
    t = next;
  }
  return p < 0.5 ? -t : t;
}

/**
 * χ² survival function `P(X > x) = Q(k/2, x/2)` (regularized upper incomplete gamma),
 * precise for tiny p-values. Returns 1 for x ≤ 0, NaN for df ≤ 0.
 */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return NaN;
  return gammaQ(df / 2, x / 2);
}
