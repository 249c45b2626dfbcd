/**
 * One order for everything in an {@link Aggregate}, whatever produced it: goals sorted by name (every per-goal array
 * follows), periods by salt, slots by name, days by date, cells by their keys, config versions by name.
 *
 * The streaming reader meets cells in file order and a SQL engine returns rows in any order; with this order both give
 * the same JSON, so `analyze` gives the same report from either, and two aggregates can be compared with `===`.
 */

import type { Arm } from '../core/types.js';
import type { Aggregate, AnswerCell, ArmCell, OpeCell, PeriodAggregate, SlotAggregate, TrustCell } from './aggregate-types.js';

const ARM_ORDER: Record<Arm, number> = { holdout: 0, control: 1, explore: 2, targeted: 3 };
const SEP = '\u0001';

/** Strings by UTF-16 code unit, as `<` compares them. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareNumbers = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);
const compareLists = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareNumbers(a[i] ?? 0, b[i] ?? 0);
    if (c !== 0) return c;
  }
  return a.length - b.length;
};
/** The first non-zero comparison. */
const by = (...results: (() => number)[]): number => {
  for (const r of results) {
    const c = r();
    if (c !== 0) return c;
  }
  return 0;
};

const sortedRecord = (r: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => compareStrings(a, b)));

const compareCells = (a: ArmCell, b: ArmCell): number =>
  by(
    () => ARM_ORDER[a.arm] - ARM_ORDER[b.arm],
    () => compareStrings(a.experience, b.experience),
    () => compareStrings(a.counterfactual, b.counterfactual),
  );

const compareOpe = (a: OpeCell, b: OpeCell): number =>
  by(
    () => a.fold - b.fold,
    () => (a.answer === b.answer ? 0 : a.answer === null ? -1 : b.answer === null ? 1 : compareStrings(a.answer, b.answer)),
    () => compareStrings(a.audiences.join(SEP), b.audiences.join(SEP)),
    () => compareStrings(a.eligible.join(SEP), b.eligible.join(SEP)),
    () => ARM_ORDER[a.arm] - ARM_ORDER[b.arm],
    () => compareStrings(a.action, b.action),
    () => compareStrings(a.counterfactual, b.counterfactual),
    () => compareNumbers(a.propensity, b.propensity),
    // Cells that differ only in the config version they were logged under (not part of the cell) stay apart.
    () => compareNumbers(a.n, b.n),
    () => compareLists(a.conv, b.conv),
  );

const compareTrust = (a: TrustCell, b: TrustCell): number =>
  by(
    () => ARM_ORDER[a.arm] - ARM_ORDER[b.arm],
    () => compareStrings(a.experience, b.experience),
  );

const compareAnswers = (a: AnswerCell, b: AnswerCell): number =>
  by(
    () => compareStrings(a.answer, b.answer),
    () => compareStrings(a.audiences.join(SEP), b.audiences.join(SEP)),
  );

/**
 * The same aggregate in the canonical order (a new object; the argument is not changed).
 * @example canonicalOrder(aggregateFromRows(rows)) // what aggregateEvents gives for the same events
 */
export function canonicalOrder(aggregate: Aggregate): Aggregate {
  const goals = aggregate.goals.map((name, index) => ({ name, index })).sort((a, b) => compareStrings(a.name, b.name));
  const perm = (values: readonly number[]): number[] => goals.map((g) => values[g.index] ?? 0);
  const sums = <T extends { conv: number[]; sum?: number[]; sumSq?: number[] }>(cell: T): T => ({
    ...cell,
    conv: perm(cell.conv),
    ...(cell.sum ? { sum: perm(cell.sum) } : {}),
    ...(cell.sumSq ? { sumSq: perm(cell.sumSq) } : {}),
  });
  const slot = (s: SlotAggregate): SlotAggregate => ({
    slot: s.slot,
    exposures: { ...s.exposures },
    configVersions: sortedRecord(s.configVersions),
    cells: s.cells.map(sums).sort(compareCells),
    ...(s.decisions ? { decisions: s.decisions.map(sums).sort(compareCells) } : {}),
    ope: s.ope.map(sums).sort(compareOpe),
    trust: s.trust.map((t) => ({ ...t })).sort(compareTrust),
  });
  const period = (p: PeriodAggregate): PeriodAggregate => ({
    salt: p.salt,
    firstTs: p.firstTs,
    lastTs: p.lastTs,
    visitors: p.visitors,
    groups: { holdout: sums(p.groups.holdout), rest: sums(p.groups.rest) },
    days: p.days.map((d) => ({ day: d.day, holdout: sums(d.holdout), rest: sums(d.rest) })).sort((a, b) => compareStrings(a.day, b.day)),
    slots: p.slots.map(slot).sort((a, b) => compareStrings(a.slot, b.slot)),
    answers: p.answers.map(sums).sort(compareAnswers),
  });
  return {
    v: aggregate.v,
    windowDays: aggregate.windowDays,
    goals: goals.map((g) => g.name),
    input: { ...aggregate.input, events: { ...aggregate.input.events }, configVersions: sortedRecord(aggregate.input.configVersions) },
    periods: aggregate.periods.map(period).sort((a, b) => compareStrings(a.salt, b.salt)),
  };
}
