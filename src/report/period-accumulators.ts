/**
 * The cells of an aggregate while `finish` fills them: per period (salt), its visitor groups, days, declared answers
 * and slots; per slot, its exposures and its arm, decision, off-policy and trust cells, keyed for lookup. At the end
 * they become the plain {@link PeriodAggregate} lists.
 */

import type { Arm } from '../core/types.js';
import type { AnswerCell, ArmCell, DayCell, OpeCell, PeriodAggregate, SlotAggregate, TrustCell, VisitorCell } from './aggregate-types.js';
import { compareStrings } from './canonical-order.js';

/** A slot of a period, being filled. */
export interface SlotAcc {
  slot: string;
  exposures: Record<Arm, number>;
  configVersions: Record<string, number>;
  cells: Map<string, ArmCell>;
  decisions: Map<string, ArmCell>;
  ope: Map<string, OpeCell>;
  trust: Map<string, TrustCell>;
}

/** A period, being filled. */
export interface PeriodAcc {
  salt: string;
  firstTs: number;
  lastTs: number;
  visitors: number;
  groups: { holdout: VisitorCell; rest: VisitorCell };
  days: Map<number, DayCell>;
  slots: Map<number, SlotAcc>;
  answers: Map<string, AnswerCell>;
}

/** A cell of no visitors over `goals` goals. */
export function emptyCell(goals: number): VisitorCell {
  return { n: 0, conv: new Array<number>(goals).fill(0), sum: new Array<number>(goals).fill(0), sumSq: new Array<number>(goals).fill(0) };
}

/** A period that starts (and so far ends) at `firstTs`. */
export const emptyPeriod = (salt: string, firstTs: number, goals: number): PeriodAcc => ({
  salt,
  firstTs,
  lastTs: firstTs,
  visitors: 0,
  groups: { holdout: emptyCell(goals), rest: emptyCell(goals) },
  days: new Map(),
  slots: new Map(),
  answers: new Map(),
});

/** A slot with nothing in it yet. */
export const emptySlot = (slot: string): SlotAcc => ({
  slot,
  exposures: { holdout: 0, control: 0, explore: 0, targeted: 0 },
  configVersions: Object.create(null) as Record<string, number>,
  cells: new Map(),
  decisions: new Map(),
  ope: new Map(),
  trust: new Map(),
});

/** The filled periods as aggregate lists: periods by salt, days by date, slots by name (cells in the order met). */
export function periodAggregates(periods: Iterable<PeriodAcc>): PeriodAggregate[] {
  return [...periods]
    .sort((a, b) => compareStrings(a.salt, b.salt))
    .map((p) => ({
      salt: p.salt,
      firstTs: p.firstTs,
      lastTs: p.lastTs,
      visitors: p.visitors,
      groups: p.groups,
      days: [...p.days.values()].sort((a, b) => compareStrings(a.day, b.day)),
      slots: [...p.slots.values()]
        .sort((a, b) => compareStrings(a.slot, b.slot))
        .map(
          (s): SlotAggregate => ({
            slot: s.slot,
            exposures: s.exposures,
            configVersions: s.configVersions,
            cells: [...s.cells.values()],
            decisions: [...s.decisions.values()],
            ope: [...s.ope.values()],
            trust: [...s.trust.values()],
          }),
        ),
      answers: [...p.answers.values()],
    }));
}
