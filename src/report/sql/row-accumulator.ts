/**
 * What the rows of the aggregation query add up to, while they are read: the input counts, and each period's groups,
 * days, answers and slots (arms, versions, cells, decisions, off-policy and trust cells), keyed as the streaming
 * reader keys them. {@link addResultRow} adds rows; `finish` gives the {@link Aggregate}.
 */

import type { Arm } from '../../core/types.js';
import type { Aggregate, AnswerCell, ArmCell, DayCell, OpeCell, PeriodAggregate, SlotAggregate, TrustCell, VisitorCell } from '../aggregate-types.js';
import { canonicalOrder } from '../canonical-order.js';
import { inputCounts } from '../input-counts.js';
import { RowError, type RowReader } from './result-row.js';

const ARMS = new Set<unknown>(['holdout', 'control', 'explore', 'targeted']);

/**
 * An empty accumulator for rows over the kept goals (rows of a goal in `omittedGoals` are skipped, as the streaming
 * reader's goal cap skips them; any other unknown goal is an error).
 * @example const acc = createRowAccumulator(['demo'], { goals: 0, conversions: 0 }, new Set());
 */
export function createRowAccumulator(goals: string[], omitted: Aggregate['input']['goalsOmitted'], omittedGoals: ReadonlySet<string>) {
  const goalIndex = new Map(goals.map((g, i) => [g, i]));
  const G = goals.length;
  const zeros = (): number[] => new Array<number>(G).fill(0);
  const emptyCell = (): VisitorCell => ({ n: 0, conv: zeros(), sum: zeros(), sumSq: zeros() });

  const input: Aggregate['input'] = { ...inputCounts(), configVersions: {}, goalsOmitted: omitted };
  type SlotAcc = SlotAggregate & { decisions: ArmCell[]; cellMap: Map<string, ArmCell>; decisionMap: Map<string, ArmCell>; opeMap: Map<string, OpeCell>; trustMap: Map<string, TrustCell> };
  const periods = new Map<string, PeriodAggregate & { dayMap: Map<number, DayCell>; slotMap: Map<string, SlotAcc>; answerMap: Map<string, AnswerCell> }>();
  const period = (salt: string) => {
    let p = periods.get(salt);
    if (!p) {
      p = { salt, firstTs: 0, lastTs: 0, visitors: 0, groups: { holdout: emptyCell(), rest: emptyCell() }, days: [], slots: [], answers: [], dayMap: new Map(), slotMap: new Map(), answerMap: new Map() };
      periods.set(salt, p);
    }
    return p;
  };
  const slotOf = (r: RowReader) => {
    const p = period(r.text('salt'));
    const name = r.text('slot');
    let s = p.slotMap.get(name);
    if (!s) {
      s = {
        slot: name,
        exposures: { holdout: 0, control: 0, explore: 0, targeted: 0 },
        configVersions: {},
        cells: [],
        decisions: [],
        ope: [],
        trust: [],
        cellMap: new Map<string, ArmCell>(),
        decisionMap: new Map<string, ArmCell>(),
        opeMap: new Map<string, OpeCell>(),
        trustMap: new Map<string, TrustCell>(),
      };
      p.slotMap.set(name, s);
    }
    return s;
  };
  const armOf = (r: RowReader): Arm => {
    const arm = r.text('arm');
    if (!ARMS.has(arm)) throw new RowError(`${r.where} has an unknown arm "${arm}".`);
    return arm as Arm;
  };
  /** Adds an outcome row (`visitors` or `converted` on one goal) to a cell. */
  const addOutcome = (r: RowReader, cell: { n: number; conv: number[]; sum?: number[]; sumSq?: number[] }): void => {
    if (r.name === 'visitors') {
      cell.n += r.number('n');
      return;
    }
    if (r.name !== 'converted') throw new RowError(`${r.where} has an unknown name "${String(r.name)}".`);
    const goal = r.text('goal');
    const g = goalIndex.get(goal);
    if (g === undefined && omittedGoals.has(goal)) return;
    if (g === undefined) throw new RowError(`${r.where} counts goal "${goal}", which no "goal" row lists.`);
    cell.conv[g] = (cell.conv[g] ?? 0) + r.number('n');
    if (cell.sum && cell.sumSq) {
      cell.sum[g] = (cell.sum[g] ?? 0) + (r.optionalNumber('x') ?? 0);
      cell.sumSq[g] = (cell.sumSq[g] ?? 0) + (r.optionalNumber('xx') ?? 0);
    }
  };
  function keyed<T>(map: Map<string, T>, key: string, make: () => T, list: T[]): T {
    let v = map.get(key);
    if (v === undefined) {
      v = make();
      map.set(key, v);
      list.push(v);
    }
    return v;
  }

  /** The aggregate, in the canonical order. */
  const finish = (windowDays: number): Aggregate =>
    canonicalOrder({
      v: 1,
      windowDays,
      goals,
      input,
      periods: [...periods.values()].map((p) => ({
        salt: p.salt,
        firstTs: p.firstTs,
        lastTs: p.lastTs,
        visitors: p.visitors,
        groups: p.groups,
        days: p.days,
        slots: [...p.slotMap.values()].map((s) => ({ slot: s.slot, exposures: s.exposures, configVersions: s.configVersions, cells: s.cells, decisions: s.decisions, ope: s.ope, trust: s.trust })),
        answers: p.answers,
      })),
    });

  return { input, period, slotOf, armOf, addOutcome, keyed, emptyCell, zeros, finish };
}

/** An accumulator of result rows. */
export type RowAccumulator = ReturnType<typeof createRowAccumulator>;
