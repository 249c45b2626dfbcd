import { BASELINE } from '../../core/types.js';
import type { ArmCell, SlotAggregate } from '../aggregate-types.js';
import type { Comparison2, Q1Slot } from '../report-types.js';
import { adjustFamily, binaryArm, compareArms, type CompareSettings, type GoalRef } from './compare-arms.js';

/** At most this many experiences per slot are compared (the config's first, then the most shown). */
export const MAX_EXPERIENCES = 20;

/**
 * Q1, per slot: does each experience beat the standard content for the visitors targeting sends to it?
 * TARGETED visitors shown e vs CONTROL visitors whose counterfactual is e (same pre-treatment rule, so unbiased),
 * per goal; BH across experiences × goals of the slot. `worse` on any goal flags the experience for demotion.
 * Visitors are read from their decision record (`decisions`): one who came to match an audience later is compared
 * from that moment on, in both arms alike (until then both saw the standard content), so the comparison stays
 * randomized. Experiences: the config's (when given), else every counterfactual seen; at most {@link MAX_EXPERIENCES},
 * the config's first, then by targeted visitors.
 */
export function q1Experiences(slot: SlotAggregate, goals: readonly GoalRef[], s: CompareSettings, blocked: boolean, experiences?: readonly string[]): Q1Slot {
  const cells = slot.decisions ?? slot.cells;
  const treated = new Map<string, ArmCell[]>();
  const control = new Map<string, ArmCell[]>();
  const shown = new Map<string, number>();
  const add = (map: Map<string, ArmCell[]>, key: string, c: ArmCell): void => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  for (const c of cells) {
    if (c.arm === 'targeted' && c.experience === c.counterfactual) {
      add(treated, c.experience, c);
      shown.set(c.experience, (shown.get(c.experience) ?? 0) + c.n);
    } else if (c.arm === 'control') add(control, c.counterfactual, c);
  }
  const seen = [...new Set(cells.filter((c) => c.counterfactual !== BASELINE).map((c) => c.counterfactual))];
  const known = experiences ? [...new Set(experiences)] : [];
  const rest = seen.filter((e) => !known.includes(e)).sort((a, b) => (shown.get(b) ?? 0) - (shown.get(a) ?? 0) || (a < b ? -1 : 1));
  const all = experiences ? known : rest;
  const names = all.slice(0, MAX_EXPERIENCES);
  const family: Comparison2[] = [];
  const sum = (cells: readonly ArmCell[], g: number): [number, number] => {
    let n = 0;
    let x = 0;
    for (const c of cells) {
      n += c.n;
      x += c.conv[g] ?? 0;
    }
    return [n, x];
  };
  const rows = names.map((experience) => {
    const comparisons = goals.map(({ name, index }) => {
      const [nc, xc] = sum(control.get(experience) ?? [], index);
      const [nt, xt] = sum(treated.get(experience) ?? [], index);
      return compareArms(name, binaryArm(nc, xc), binaryArm(nt, xt), s);
    });
    family.push(...comparisons);
    return { experience, comparisons, demote: false };
  });
  adjustFamily(family, s, blocked);
  for (const row of rows) row.demote = row.comparisons.some((c) => c.verdict === 'worse');
  return { slot: slot.slot, srmBlocked: blocked, experiences: rows, experiencesOmitted: all.length - names.length };
}
