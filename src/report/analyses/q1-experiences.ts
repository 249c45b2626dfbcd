import { BASELINE } from '../../core/types.js';
import type { SlotAggregate } from '../aggregate-types.js';
import type { Comparison2, Q1Slot } from '../report-types.js';
import { adjustFamily, binaryArm, compareArms, type CompareSettings } from './compare-arms.js';

/**
 * Q1, per slot: does each experience beat the standard content for the visitors targeting sends to it?
 * TARGETED visitors shown e vs CONTROL visitors whose counterfactual is e (same pre-treatment rule, so unbiased),
 * per goal; BH across experiences × goals of the slot. `worse` on any goal flags the experience for demotion.
 * Visitors are read from their decision record (`decisions`): one who came to match an audience later is compared
 * from that moment on, in both arms alike (until then both saw the standard content), so the comparison stays
 * randomized.
 */
export function q1Experiences(slot: SlotAggregate, goals: string[], s: CompareSettings, blocked: boolean, experiences?: string[]): Q1Slot {
  const cells = slot.decisions ?? slot.cells;
  const names = experiences ?? [...new Set(cells.filter((c) => c.counterfactual !== BASELINE).map((c) => c.counterfactual))].sort();
  const family: Comparison2[] = [];
  const rows = names.map((experience) => {
    const treated = cells.filter((c) => c.arm === 'targeted' && c.experience === experience && c.counterfactual === experience);
    const control = cells.filter((c) => c.arm === 'control' && c.counterfactual === experience);
    const sum = (cells: typeof treated, g: number): [number, number] => [
      cells.reduce((t, c) => t + c.n, 0),
      cells.reduce((t, c) => t + (c.conv[g] ?? 0), 0),
    ];
    const comparisons = goals.map((goal, g) => {
      const [nc, xc] = sum(control, g);
      const [nt, xt] = sum(treated, g);
      return compareArms(goal, binaryArm(nc, xc), binaryArm(nt, xt), s);
    });
    family.push(...comparisons);
    return { experience, comparisons, demote: false };
  });
  adjustFamily(family, s, blocked);
  for (const row of rows) row.demote = row.comparisons.some((c) => c.verdict === 'worse');
  return { slot: slot.slot, srmBlocked: blocked, experiences: rows };
}
