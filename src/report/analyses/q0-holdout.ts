import type { PeriodAggregate } from '../aggregate-types.js';
import type { Q0 } from '../report-types.js';
import { adjustFamily, binaryArm, compareArms, type CompareSettings, type GoalRef } from './compare-arms.js';

/**
 * Q0, does personalization as a whole pay? Everyone else vs the global holdout, intention-to-treat, visitor-level
 * conversion within the window, one comparison per goal (BH across goals).
 */
export function q0Holdout(period: PeriodAggregate, goals: readonly GoalRef[], s: CompareSettings, blocked: boolean): Q0 {
  const { holdout, rest } = period.groups;
  const comparisons = goals.map(({ name, index }) => compareArms(name, binaryArm(holdout.n, holdout.conv[index] ?? 0), binaryArm(rest.n, rest.conv[index] ?? 0), s));
  adjustFamily(comparisons, s, blocked);
  return { comparisons };
}
