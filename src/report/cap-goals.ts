/**
 * The cap on distinct goals an aggregate keeps, the same for the streaming reader and the SQL path: attacker-chosen
 * goal names (the collector accepts any) cannot make every cell's per-goal arrays long.
 */

/** Default cap on distinct goals kept by the aggregation. */
export const MAX_GOALS = 100;

/** Options of the goal cap. */
export interface GoalCapOptions {
  /** At most this many goals are kept: those with the most stored conversions (ties by name). Default {@link MAX_GOALS}. */
  maxGoals?: number;
  /** Goals kept whatever the cap (the config's goals). */
  keepGoals?: readonly string[];
}

/** What the cap keeps (in the order given) and what it leaves out. */
export interface CappedGoals {
  kept: string[];
  omitted: { goals: number; conversions: number };
}

/**
 * Keeps the `keepGoals`, then the goals with the most stored conversions (ties by name, by code unit), up to
 * `maxGoals` in all (more when `keepGoals` alone are more).
 * @example capGoals([{ goal: 'signup', stored: 9 }, { goal: 'x1', stored: 1 }], { maxGoals: 1 }) // kept ['signup']
 */
export function capGoals(goals: readonly { goal: string; stored: number }[], options: GoalCapOptions = {}): CappedGoals {
  const maxGoals = Math.max(1, Math.floor(options.maxGoals ?? MAX_GOALS));
  const keep = new Set(options.keepGoals ?? []);
  const ranked = goals
    .map((_, i) => i)
    .sort((a, b) => {
      const [ga, gb] = [goals[a], goals[b]];
      if (!ga || !gb) return 0;
      return Number(keep.has(gb.goal)) - Number(keep.has(ga.goal)) || gb.stored - ga.stored || (ga.goal < gb.goal ? -1 : ga.goal > gb.goal ? 1 : 0);
    });
  const kept = new Set(ranked.slice(0, Math.max(maxGoals, goals.filter((g) => keep.has(g.goal)).length)));
  const result: CappedGoals = { kept: [], omitted: { goals: 0, conversions: 0 } };
  goals.forEach((g, i) => {
    if (kept.has(i)) result.kept.push(g.goal);
    else {
      result.omitted.goals++;
      result.omitted.conversions += g.stored;
    }
  });
  return result;
}
