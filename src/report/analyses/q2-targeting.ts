import type { SlotAggregate } from '../aggregate-types.js';
import type { Q2Slot } from '../report-types.js';
import { adjustFamily, binaryArm, compareArms, type CompareSettings, type GoalRef } from './compare-arms.js';

/**
 * Q2, per slot: does targeting beat random? TARGETED vs EXPLORE, both randomized from the same eligible
 * non-holdout visitors, per goal (BH across goals). `better` means who-gets-what adds value beyond the content.
 */
export function q2Targeting(slot: SlotAggregate, goals: readonly GoalRef[], s: CompareSettings, blocked: boolean): Q2Slot {
  const total = (arm: 'targeted' | 'explore', g: number): [number, number] => {
    let n = 0;
    let x = 0;
    for (const c of slot.cells) {
      if (c.arm !== arm) continue;
      n += c.n;
      x += c.conv[g] ?? 0;
    }
    return [n, x];
  };
  const comparisons = goals.map(({ name, index }) => {
    const [ne, xe] = total('explore', index);
    const [nt, xt] = total('targeted', index);
    return compareArms(name, binaryArm(ne, xe), binaryArm(nt, xt), s);
  });
  adjustFamily(comparisons, s, blocked);
  return { slot: slot.slot, srmBlocked: blocked, comparisons };
}
