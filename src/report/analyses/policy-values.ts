/**
 * Off-policy machinery shared by Q3 and Q4: logged rows from the aggregate, deterministic policies learned from
 * some rows (best action per context key) and evaluated on others (SNIPS, doubly robust, paired differences),
 * with 2-fold cross-fitting.
 */

import { BASELINE } from '../../core/types.js';
import type { OpeCell } from '../aggregate-types.js';
import type { PolicyValue } from '../report-types.js';
import { doublyRobust, pairedDifference, snips, type OpeEstimate, type OpeRow } from '../stats/index.js';

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
 * Learns "the best action per key": for each key, actions ranked by their SNIPS value on the training rows with
 * that key (`Σ conv/p ÷ Σ n/p` over rows that showed the action). Keys with fewer than `minVisitors` training
 * visitors use the fallback policy (default: the best single action over all training rows).
 */
export function learnPolicy(train: readonly LoggedRow[], key: (row: LoggedRow) => string, fallback?: Policy, minVisitors = 0): Policy {
  const stats = new Map<string, { n: number; byAction: Map<string, [number, number]> }>();
  for (const r of train) {
    const k = key(r);
    let s = stats.get(k);
    if (!s) {
      s = { n: 0, byAction: new Map() };
      stats.set(k, s);
    }
    s.n += r.n;
    const a = s.byAction.get(r.action) ?? [0, 0];
    a[0] += r.conv / r.p;
    a[1] += r.n / r.p;
    s.byAction.set(r.action, a);
  }
  const rankings = new Map<string, string[]>();
  for (const [k, s] of stats) {
    const ranked = [...s.byAction.entries()]
      .filter(([, [, d]]) => d > 0)
      .sort((x, y) => y[1][0] / y[1][1] - x[1][0] / x[1][1] || (x[0] < y[0] ? -1 : 1))
      .map(([a]) => a);
    rankings.set(k, s.n >= minVisitors ? ranked : []);
  }
  const global = fallback ?? (key === everyone ? undefined : learnPolicy(train, everyone));
  return (row) => {
    for (const a of rankings.get(key(row)) ?? []) if (allowed(row, a)) return a;
    return global ? global(row) : BASELINE;
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

/** An estimate as a report value. */
export const asValue = (e: OpeEstimate): PolicyValue => ({ value: e.value, se: e.se, ci: e.ci, ess: e.ess });

/** SNIPS value of a policy. */
export const policyValue = (rows: readonly LoggedRow[], policy: Policy): PolicyValue => asValue(snips(opeRows(rows, policy)));

/** Paired SNIPS difference V(π₁) − V(π₂) on the same rows. */
export function policyDifference(rows: readonly LoggedRow[], pi1: Policy, pi2: Policy): PolicyValue {
  const paired = [];
  for (const r of rows) {
    const w1 = pi1(r) === r.action ? 1 / r.p : 0;
    const w2 = pi2(r) === r.action ? 1 / r.p : 0;
    if (r.conv > 0) paired.push({ w1, w2, r: 1, count: r.conv });
    if (r.n - r.conv > 0) paired.push({ w1, w2, r: 0, count: r.n - r.conv });
  }
  return asValue(pairedDifference(paired, 'snips'));
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
  return { value, se, ci: [value - 1.959964 * se, value + 1.959964 * se] };
}

/**
 * 2-fold cross-fitting: for each fold, `evaluate(test = that fold, train = the other)`, then {@link combineFolds}.
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
