/**
 * Off-policy machinery shared by Q3 and Q4: logged rows from the aggregate, deterministic policies learned from
 * some rows (best action per context key) and evaluated on others (SNIPS, doubly robust, paired differences),
 * learned on one half of the visitors and measured on the other ({@link splitFit}), or 2-fold cross-fitted.
 */

import { BASELINE } from '../../core/types.js';
import type { OpeCell } from '../aggregate-types.js';
import type { PolicyValue, RatioValue } from '../report-types.js';
import { doublyRobust, pairedDifference, pairedRatio, rateInterval, snips, type OpeEstimate, type OpeRow, type PairedOpeRow } from '../stats/index.js';

/** One logged cell for one goal: `conv` of `n` visitors converted after being shown `action` with propensity `p`. */
export interface LoggedRow {
  fold: 0 | 1;
  answer: string | null;
  audiences: string[];
  eligible: string[];
  /** The logged context (audiences and eligibility) as one key. */
  context: string;
  action: string;
  counterfactual: string;
  p: number;
  n: number;
  conv: number;
}

/** A deterministic policy: the action for a logged row's context. */
export type Policy = (row: LoggedRow) => string;

/**
 * Logged rows of a slot for goal `g`. With a known holdout share, holdout visitors are left out (they differ in
 * every other slot too) and propensities are renormalized to the non-holdout mixture:
 * `p' = (p − h·[a = baseline]) / (1 − h)`. Without it, holdout rows stay in with their logged (marginal) propensity.
 */
export function loggedRows(cells: readonly OpeCell[], g: number, holdout: number | undefined): LoggedRow[] {
  const rows: LoggedRow[] = [];
  for (const c of cells) {
    let p = c.propensity;
    if (holdout !== undefined) {
      if (c.arm === 'holdout') continue;
      p = (p - (c.action === BASELINE ? holdout : 0)) / (1 - holdout);
    }
    if (!(p > 0)) continue;
    rows.push({
      fold: c.fold,
      answer: c.answer,
      audiences: c.audiences,
      eligible: c.eligible,
      context: c.audiences.join(',') + '|' + c.eligible.join(','),
      action: c.action,
      counterfactual: c.counterfactual,
      p: Math.min(1, p),
      n: c.n,
      conv: c.conv[g] ?? 0,
    });
  }
  return rows;
}

/** Whether a policy may pick `action` for this row. */
export const allowed = (row: LoggedRow, action: string): boolean => action === BASELINE || row.eligible.includes(action);

/** Every action seen in the rows (logged or eligible), baseline first. */
export function actionsOf(rows: readonly LoggedRow[]): string[] {
  const set = new Set<string>();
  for (const r of rows) {
    set.add(r.action);
    for (const e of r.eligible) set.add(e);
  }
  set.delete(BASELINE);
  return [BASELINE, ...[...set].sort()];
}

/** The current rules: what targeting picks (logged as the counterfactual). */
export const currentRules: Policy = (row) => row.counterfactual;

/** The key of a policy that treats everyone alike. */
export const everyone = (): string => '*';

/**
 * Learns "the best action per key". Within one logged context (audience set and eligibility, and the declared answer)
 * every arm's visitors shown an action convert at the same expected rate, so the rate of action a there is the plain
 * pooled mean over all arms, `m(x, a) = Σ conv / Σ n`; a key's value of a weighs its contexts by their visitors,
 * `V(a | key) = Σ_x n_x m(x, a) / Σ_x n_x` (over the contexts where a was shown). This uses the targeted and control
 * visitors fully, where inverse-propensity weights would let the few explored visitors decide (an explored visitor
 * weighs 9 to 40 targeted ones). Actions are ranked pessimistically, by that value minus one standard error
 * (`Σ_x (n_x/n)² m(1−m)/n_xa`), so an action seen by a few hundred explored visitors does not beat a well-measured one
 * by luck. Either way the rule is only learned here: it is valued on other visitors, by SNIPS, so a poor rule makes
 * the answer less useful, never wrong. Keys with fewer than `minVisitors` training visitors use the fallback policy
 * (default: the best single action over all training rows). With `prefer`, the preferred rule's action stands unless
 * the key's data show another clearly better: its value minus one standard error above the preferred action's value
 * plus one (used by the perfect-world rule, learned from few respondents, to keep what the signals rule learned from
 * everyone where the respondents cannot tell).
 */
export function learnPolicy(train: readonly LoggedRow[], key: (row: LoggedRow) => string, fallback?: Policy, minVisitors = 0, prefer?: Policy): Policy {
  const strata = new Map<string, { key: string; n: number; byAction: Map<string, [number, number]> }>();
  for (const r of train) {
    const id = r.answer === null ? r.context : r.context + '\u0001' + r.answer;
    let s = strata.get(id);
    if (!s) {
      s = { key: key(r), n: 0, byAction: new Map() };
      strata.set(id, s);
    }
    s.n += r.n;
    const a = s.byAction.get(r.action);
    if (a) {
      a[0] += r.conv;
      a[1] += r.n;
    } else s.byAction.set(r.action, [r.conv, r.n]);
  }
  // Per key and action: Σ n_x·m, Σ n_x, Σ n_x²·m(1−m)/n_xa.
  const stats = new Map<string, { n: number; byAction: Map<string, [number, number, number]> }>();
  for (const s of strata.values()) {
    let k = stats.get(s.key);
    if (!k) {
      k = { n: 0, byAction: new Map() };
      stats.set(s.key, k);
    }
    k.n += s.n;
    for (const [action, [conv, n]] of s.byAction) {
      if (!(n > 0)) continue;
      const m = conv / n;
      const a = k.byAction.get(action) ?? [0, 0, 0];
      a[0] += s.n * m;
      a[1] += s.n;
      a[2] += (s.n * s.n * m * (1 - m)) / n;
      k.byAction.set(action, a);
    }
  }
  const rankings = new Map<string, string[]>();
  const pessimistic = (x: [number, number, number]): number => x[0] / x[1] - Math.sqrt(x[2]) / x[1];
  const optimistic = (x: [number, number, number]): number => x[0] / x[1] + Math.sqrt(x[2]) / x[1];
  for (const [k, s] of stats) {
    const ranked = [...s.byAction.entries()]
      .filter(([, [, d]]) => d > 0)
      .sort((x, y) => pessimistic(y[1]) - pessimistic(x[1]) || (x[0] < y[0] ? -1 : 1))
      .map(([a]) => a);
    rankings.set(k, s.n >= minVisitors ? ranked : []);
  }
  const global = fallback ?? (key === everyone ? undefined : learnPolicy(train, everyone));
  return (row) => {
    const k = key(row);
    let best: string | undefined;
    for (const a of rankings.get(k) ?? []) {
      if (allowed(row, a)) {
        best = a;
        break;
      }
    }
    if (best === undefined) return global ? global(row) : BASELINE;
    if (prefer) {
      const preferred = prefer(row);
      const byAction = stats.get(k)?.byAction;
      const p = byAction?.get(preferred);
      const b = byAction?.get(best);
      if (preferred !== best && allowed(row, preferred) && (!p || !b || pessimistic(b) <= optimistic(p))) return preferred;
    }
    return best;
  };
}

/** Importance-weighted rows of a policy (two per cell: converted and not). */
export function opeRows(rows: readonly LoggedRow[], policy: Policy, q?: OutcomeModel): OpeRow[] {
  const out: OpeRow[] = [];
  for (const r of rows) {
    const target = policy(r);
    const w = target === r.action ? 1 / r.p : 0;
    const qLogged = q ? q(r, r.action) : 0;
    const qTarget = q ? q(r, target) : 0;
    if (r.conv > 0) out.push({ w, r: 1, count: r.conv, qLogged, qTarget });
    if (r.n - r.conv > 0) out.push({ w, r: 0, count: r.n - r.conv, qLogged, qTarget });
  }
  return out;
}

/** An outcome model q̂(context, action). */
export type OutcomeModel = (row: LoggedRow, action: string) => number;

/** Cell means of the training rows per (context, action), falling back to the action's mean, then the overall mean. */
export function fitOutcomeModel(train: readonly LoggedRow[]): OutcomeModel {
  const cell = new Map<string, [number, number]>();
  const action = new Map<string, [number, number]>();
  let all: [number, number] = [0, 0];
  const add = (m: Map<string, [number, number]>, k: string, r: LoggedRow): void => {
    const v = m.get(k) ?? [0, 0];
    v[0] += r.conv;
    v[1] += r.n;
    m.set(k, v);
  };
  for (const r of train) {
    add(cell, r.context + '#' + r.action, r);
    add(action, r.action, r);
    all = [all[0] + r.conv, all[1] + r.n];
  }
  const mean = all[1] > 0 ? all[0] / all[1] : 0;
  return (row, a) => {
    const c = cell.get(row.context + '#' + a);
    if (c && c[1] > 0) return c[0] / c[1];
    const m = action.get(a);
    return m && m[1] > 0 ? m[0] / m[1] : mean;
  };
}

/** The report's SNIPS intervals rest on expected, not observed, conversions where those are fewer (see `SnipsOptions`). */
const FLOOR = { modelFloor: true } as const;

/** An estimate (a difference) as a report value: normal interval, none without variation. */
export const asValue = (e: OpeEstimate): PolicyValue => ({ value: e.value, se: e.se, ci: e.se > 0 ? e.ci : [NaN, NaN], ess: e.ess });

/** A policy value (a rate) as a report value: the logit interval, inside [0, 1]. */
export const asRate = (e: OpeEstimate): PolicyValue => ({ value: e.value, se: e.se, ci: rateInterval(e.value, e.se), ess: e.ess });

/** SNIPS value of a policy, with an interval inside [0, 1]. */
export const policyValue = (rows: readonly LoggedRow[], policy: Policy): PolicyValue => asRate(snips(opeRows(rows, policy), FLOOR));

function pairedRows(rows: readonly LoggedRow[], pi1: Policy, pi2: Policy): PairedOpeRow[] {
  const paired: PairedOpeRow[] = [];
  for (const r of rows) {
    const w1 = pi1(r) === r.action ? 1 / r.p : 0;
    const w2 = pi2(r) === r.action ? 1 / r.p : 0;
    if (r.conv > 0) paired.push({ w1, w2, r: 1, count: r.conv });
    if (r.n - r.conv > 0) paired.push({ w1, w2, r: 0, count: r.n - r.conv });
  }
  return paired;
}

/** Paired SNIPS difference V(π₁) − V(π₂) on the same rows. */
export const policyDifference = (rows: readonly LoggedRow[], pi1: Policy, pi2: Policy): PolicyValue => asValue(pairedDifference(pairedRows(rows, pi1, pi2), 'snips', FLOOR));

/** Paired SNIPS ratio V(π₁) / V(π₂) on the same rows, with a log-scale interval. */
export function policyRatio(rows: readonly LoggedRow[], pi1: Policy, pi2: Policy): RatioValue {
  const r = pairedRatio(pairedRows(rows, pi1, pi2), undefined, FLOOR);
  return { ratio: r.ratio, ci: r.ci, effectiveConversions: r.effectiveConversions };
}


/** Doubly robust value of a policy with an outcome model fitted on other rows. */
export const policyValueDr = (rows: readonly LoggedRow[], policy: Policy, q: OutcomeModel): PolicyValue => asValue(doublyRobust(opeRows(rows, policy, q)));

/** Combines per-fold estimates (weights = fold sizes): `V = Σ n_f V_f / n`, `se = sqrt(Σ (n_f se_f)²) / n`. */
export function combineFolds(parts: { n: number; value: PolicyValue }[]): PolicyValue {
  const used = parts.filter((p) => p.n > 0 && Number.isFinite(p.value.value) && Number.isFinite(p.value.se));
  const n = used.reduce((t, p) => t + p.n, 0);
  if (n === 0) return { value: NaN, se: NaN, ci: [-Infinity, Infinity] };
  const value = used.reduce((t, p) => t + p.n * p.value.value, 0) / n;
  const se = Math.sqrt(used.reduce((t, p) => t + (p.n * p.value.se) ** 2, 0)) / n;
  return { value, se, ci: se > 0 ? [value - 1.959964 * se, value + 1.959964 * se] : [NaN, NaN] };
}

/**
 * One honest split: `evaluate(measure = fold 0, learn = fold 1)`. For anything that learns a rule by picking the best
 * of several noisy estimates, this is the estimate to give an interval to: swapping the folds and averaging
 * ({@link crossFit}) uses each half both to learn one rule and to value the other, so the two halves' errors are
 * correlated and the combined interval is too narrow (in an A/A simulation with 12 audiences, Bonferroni-adjusted
 * "worth" claims came out 8.5 % of the time instead of at most 2.5 %).
 */
export function splitFit(rows: readonly LoggedRow[], evaluate: (measure: LoggedRow[], learn: LoggedRow[]) => PolicyValue): PolicyValue {
  const measure: LoggedRow[] = [];
  const learn: LoggedRow[] = [];
  for (const r of rows) (r.fold === 0 ? measure : learn).push(r);
  if (measure.length === 0 || learn.length === 0) return { value: NaN, se: NaN, ci: [NaN, NaN] };
  return evaluate(measure, learn);
}

/**
 * 2-fold cross-fitting: for each fold, `evaluate(test = that fold, train = the other)`, then {@link combineFolds}.
 * Right for estimates whose learned part is stable (an outcome model for a fixed rule); for rules picked as the best
 * of noisy estimates use {@link splitFit}.
 */
export function crossFit(rows: readonly LoggedRow[], evaluate: (test: LoggedRow[], train: LoggedRow[]) => PolicyValue): PolicyValue {
  const folds: [LoggedRow[], LoggedRow[]] = [[], []];
  for (const r of rows) folds[r.fold].push(r);
  return combineFolds(
    ([0, 1] as const).map((f) => ({
      n: folds[f].reduce((t, r) => t + r.n, 0),
      value: folds[f].length > 0 && folds[f === 0 ? 1 : 0].length > 0 ? evaluate(folds[f], folds[f === 0 ? 1 : 0]) : { value: NaN, se: NaN, ci: [-Infinity, Infinity] },
    })),
  );
}
