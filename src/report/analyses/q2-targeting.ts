import type { SlotAggregate } from '../aggregate-types.js';
import type { Q2Slot } from '../report-types.js';
import { adjustFamily, binaryArm, compareArms, type CompareSettings } from './compare-arms.js';

/**
 * Q2, per slot: does targeting beat random? TARGETED vs EXPLORE, both randomized from the same eligible
 * non-holdout visitors, per goal (BH across goals). `better` means who-gets-what adds value beyond the content.
 */
export function q2Targeting(slot: SlotAggregate, goals: string[], s: CompareSettings, blocked: boolean): Q2Slot {
  const total = (arm: 'targeted' | 'explore', g: number): [number, number] => {
    const cells = slot.cells.filter((c) => c.arm === arm);
    return [cells.reduce((t, c) => t + c.n, 0), cells.reduce((t, c) => t + (c.conv[g] ?? 0), 0)];
  };
  const comparisons = goals.map((goal, g) => {
    const [ne, xe] = total('explore', g);
    const [nt, xt] = total('targeted', g);
    return compareArms(goal, binaryArm(ne, xe), binaryArm(nt, xt), s);
  });
  adjustFamily(comparisons, s, blocked);
  return { slot: slot.slot, srmBlocked: blocked, comparisons };
}
