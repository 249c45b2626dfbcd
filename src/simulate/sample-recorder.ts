/**
 * What the simulator's fast path adds up while it draws (sampleAggregate): the holdout and rest groups, days, exposures
 * per arm, and the cells, off-policy cells and answers the aggregator would build from the same visitors' events.
 */

import type { Arm } from '../core/types.js';
import type { AnswerCell, ArmCell, DayCell, OpeCell, VisitorCell } from '../report/aggregate-types.js';
import { SEGMENTS, type Action } from './scenarios.js';

const DAY_MS = 86_400_000;
/** The arms, in the order the aggregate lists their cells. */
export const ARMS: readonly Arm[] = ['holdout', 'control', 'explore', 'targeted'];
/** Every action of the simulated slot: the three experiences and the baseline. */
export const ACTIONS: readonly Action[] = [...SEGMENTS.map((s) => s.experience), 'baseline'];

const empty = (): VisitorCell => ({ n: 0, conv: [0, 0], sum: [0, 0], sumSq: [0, 0] });
/** Adds `m` visitors of whom `conv[g]` converted on goal g (each conversion is worth 1). */
function add(cell: { n: number; conv: number[]; sum?: number[]; sumSq?: number[] }, conv: readonly number[], m = 1): void {
  cell.n += m;
  for (let g = 0; g < conv.length; g++) {
    const x = conv[g] ?? 0;
    if (x === 0) continue;
    cell.conv[g] = (cell.conv[g] ?? 0) + x;
    if (cell.sum && cell.sumSq) {
      cell.sum[g] = (cell.sum[g] ?? 0) + x;
      cell.sumSq[g] = (cell.sumSq[g] ?? 0) + x;
    }
  }
}

/** The design the recorder logs propensities for, and where days start. */
export interface RecorderDesign {
  /** Holdout, control and explore shares. */
  h: number;
  c: number;
  eps: number;
  /** Extra shadow audiences (bits 1… of a visitor's mask). */
  shadows: number;
  /** First day (ms since the epoch). */
  start: number;
}

/**
 * An empty recorder. `record(m, …)` adds m visitors who share everything, `conv` of them converting per goal
 * (`conv` is read at the call); `answered` is the declared segment or -1, `day` the day of first exposure or null.
 * @example const r = createSampleRecorder({ h: 0.05, c: 0.1, eps: 0.1, shadows: 0, start: 0 }); r.conv[0] = 1; r.record(1, 'targeted', 'hero-dev', 0, 0, 0, -1, 3);
 */
export function createSampleRecorder({ h, c, eps, shadows, start }: RecorderDesign) {
  const eligible = SEGMENTS.map((s) => s.experience).sort();
  const groups = { holdout: empty(), rest: empty() };
  const exposures: Record<Arm, number> = { holdout: 0, control: 0, explore: 0, targeted: 0 };
  const dayCells = new Map<number, DayCell>();
  const conv = [0, 0];
  const propensityOf = (action: Action, counterfactual: Action): number => {
    const base = action === 'baseline';
    return (base ? h : 0) + (1 - h) * ((base ? c : 0) + eps / (eligible.length + 1) + (action === counterfactual ? 1 - c - eps : 0));
  };
  // Context `(guess, mask)`: the guessed segment, and a bit mask of returning (bit 0) and the extra shadow audiences.
  const audienceSets = new Map<number, string[]>();
  const audiencesOf = (guess: number, mask: number): string[] => {
    const id = guess * 2 ** (shadows + 1) + mask;
    let list = audienceSets.get(id);
    if (!list) {
      list = [SEGMENTS[guess]?.audience ?? ''];
      if (mask & 1) list.push('returning');
      for (let k = 0; k < shadows; k++) if (mask & (2 << k)) list.push(`shadow-${k + 1}`);
      list.sort();
      audienceSets.set(id, list);
    }
    return list;
  };
  const cellById = new Map<number, ArmCell>();
  const opeById = new Map<number, OpeCell>();
  const answerById = new Map<number, AnswerCell>();
  const record = (m: number, arm: Arm, action: Action, guess: number, mask: number, fold: 0 | 1, answered: number, day: number | null): void => {
    const counterfactual: Action = SEGMENTS[guess]?.experience ?? 'baseline';
    add(arm === 'holdout' ? groups.holdout : groups.rest, conv, m);
    if (day !== null) {
      let dayCell = dayCells.get(day);
      if (!dayCell) {
        dayCell = { day: new Date(start + day * DAY_MS).toISOString().slice(0, 10), holdout: empty(), rest: empty() };
        dayCells.set(day, dayCell);
      }
      add(arm === 'holdout' ? dayCell.holdout : dayCell.rest, conv, m);
    }
    exposures[arm] += m;
    const cellId = (ARMS.indexOf(arm) * ACTIONS.length + ACTIONS.indexOf(action)) * SEGMENTS.length + guess;
    let cell = cellById.get(cellId);
    if (!cell) {
      cell = { arm, experience: action, counterfactual, ...empty() };
      cellById.set(cellId, cell);
    }
    add(cell, conv, m);
    const contextId = guess * 2 ** (shadows + 1) + mask;
    const opeId = ((cellId * 2 ** (shadows + 1) * SEGMENTS.length + contextId) * 2 + fold) * (SEGMENTS.length + 1) + answered + 1;
    let o = opeById.get(opeId);
    if (!o) {
      const answer = answered >= 0 ? `role=${SEGMENTS[answered]?.id ?? ''}` : null;
      o = { fold, answer, audiences: audiencesOf(guess, mask), eligible, arm, action, counterfactual, propensity: propensityOf(action, counterfactual), n: 0, conv: [0, 0] };
      opeById.set(opeId, o);
    }
    add(o, conv, m);
    if (answered >= 0) {
      const answerId = contextId * SEGMENTS.length + answered;
      let a = answerById.get(answerId);
      if (!a) {
        a = { answer: `role=${SEGMENTS[answered]?.id ?? ''}`, audiences: audiencesOf(guess, mask), n: 0, conv: [0, 0] };
        answerById.set(answerId, a);
      }
      add(a, conv, m);
    }
  };

  const order = (arm: Arm): number => ARMS.indexOf(arm);
  return {
    conv,
    record,
    groups,
    exposures,
    /** Days in order. */
    days: (): DayCell[] => [...dayCells.entries()].sort((x, y) => x[0] - y[0]).map(([, d]) => d),
    /** Cells by arm. */
    cells: (): ArmCell[] => [...cellById.values()].sort((x, y) => order(x.arm) - order(y.arm)),
    ope: (): OpeCell[] => [...opeById.values()],
    answers: (): AnswerCell[] => [...answerById.values()],
  };
}

/** A recorder of sampled visitors. */
export type SampleRecorder = ReturnType<typeof createSampleRecorder>;
