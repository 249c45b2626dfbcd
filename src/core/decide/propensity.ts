import { BASELINE, type ExperienceConfig } from '../types.js';
import { exploreShows } from './exploration.js';

/**
 * The marginal propensity of showing `experience`, all arms counted (docs/measurement.md §4.5): the holdout and control
 * show the standard content, exploration shows each of the `pickable` audiences' experience (or none) with equal
 * chances, and the targeted arm shows the counterfactual. `h`, `c`, `eps`: the holdout, control and explore shares.
 * @example marginalPropensity(experiences, pickable, eligible, 'hero-dev', 'hero-dev', 0.05, 0.1, 0.1)
 */
export function marginalPropensity(
  experiences: ExperienceConfig[],
  pickable: readonly string[],
  eligible: string[],
  experience: string,
  counterfactual: string,
  h: number,
  c: number,
  eps: number,
): number {
  const base = experience === BASELINE;
  let ways = 0;
  for (let k = 0; k <= pickable.length; k++) if (exploreShows(experiences, pickable[k], eligible) === experience) ways++;
  return (base ? h : 0) + (1 - h) * ((base ? c : 0) + (eps * ways) / (pickable.length + 1) + (experience === counterfactual ? 1 - c - eps : 0));
}
