import { ACTIONS, SEGMENTS, type Action, type Scenario } from './scenarios.js';

/** What is true in a simulated world, computed exactly from the scenario (no sampling). */
export interface SimulationTruth {
  scenario: string;
  story: string;
  design: { holdout: number; control: number; explore: number };
  /** Probability that the signals name the visitor's true segment (segment scenarios; journey scenarios have none). */
  signalAccuracy?: number;
  /** Per-visitor conversion probability of `signup` under each policy, in the hero slot. */
  values: {
    /** Everyone sees the standard content. */
    baseline: number;
    /** The site's rules on the guessed segment. */
    currentRules: number;
    /** The best single action for everyone (a hero action of the scenario), and its value. */
    bestSingle: { action: string; value: number };
    /** The best policy on the logged audiences (guessed segment and returning). */
    bestOnSignals: number;
    /** The best policy knowing the true segment as well (and the audiences). */
    perfectWorld: number;
  };
  /** Per hero experience: targeted visitors shown it vs their control, and the true relative lift. */
  experiences: { experience: string; control: number; treatment: number; relativeLift: number }[];
  /** Value of segmenting by each logged audience (in vs out) over the best single action. */
  valueOfSegmentation: Record<string, number>;
  /** The audience whose segmentation is worth most. */
  bestDimension: string;
}

interface Context {
  p: number;
  segment: number;
  returning: boolean;
  guess: number;
}

/** Every (true segment, returning, guessed segment) cell with its probability. */
function contexts(s: Scenario): Context[] {
  const out: Context[] = [];
  s.segmentShares.forEach((share, segment) => {
    for (const returning of [false, true]) {
      for (let guess = 0; guess < SEGMENTS.length; guess++) {
        const pGuess = guess === segment ? s.signalAccuracy : (1 - s.signalAccuracy) / (SEGMENTS.length - 1);
        out.push({ p: share * (returning ? s.returningShare : 1 - s.returningShare) * pGuess, segment, returning, guess });
      }
    }
  });
  return out;
}

/** The best action per group of contexts (grouped by `key`) and the resulting policy value. */
function bestPolicyValue(s: Scenario, cells: Context[], key: (c: Context) => string): number {
  const groups = new Map<string, Context[]>();
  for (const c of cells) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  let value = 0;
  for (const group of groups.values()) {
    let best = -Infinity;
    for (const a of ACTIONS) best = Math.max(best, group.reduce((t, c) => t + c.p * s.rate(c.segment, c.returning, a), 0));
    value += best;
  }
  return value;
}

/**
 * The truth of a scenario under a design, for comparison with what `candor report` estimates.
 * @example simulationTruth(SCENARIOS['wrong-categories'], { holdout: 0.05, control: 0.1, explore: 0.1 }).bestDimension // 'returning'
 */
export function simulationTruth(s: Scenario, design: { holdout: number; control: number; explore: number }): SimulationTruth {
  const cells = contexts(s);
  const valueOf = (policy: (c: Context) => Action): number => cells.reduce((t, c) => t + c.p * s.rate(c.segment, c.returning, policy(c)), 0);
  const rules = (c: Context): Action => SEGMENTS[c.guess]?.experience ?? 'baseline';
  let bestSingle: { action: Action; value: number } = { action: 'baseline', value: -Infinity };
  for (const a of ACTIONS) {
    const v = valueOf(() => a);
    if (v > bestSingle.value + 1e-12) bestSingle = { action: a, value: v };
  }
  const dimensions: Record<string, (c: Context) => boolean> = { returning: (c) => c.returning };
  SEGMENTS.forEach((seg, i) => (dimensions[seg.audience] = (c) => c.guess === i));
  const valueOfSegmentation: Record<string, number> = {};
  let bestDimension = '';
  for (const [id, inside] of Object.entries(dimensions)) {
    valueOfSegmentation[id] = bestPolicyValue(s, cells, (c) => String(inside(c))) - bestSingle.value;
    if (bestDimension === '' || (valueOfSegmentation[id] ?? 0) > (valueOfSegmentation[bestDimension] ?? 0) + 1e-12) bestDimension = id;
  }
  const experiences = SEGMENTS.map((seg, i) => {
    const targeted = cells.filter((c) => c.guess === i);
    const mass = targeted.reduce((t, c) => t + c.p, 0);
    const control = targeted.reduce((t, c) => t + c.p * s.rate(c.segment, c.returning, 'baseline'), 0) / mass;
    const treatment = targeted.reduce((t, c) => t + c.p * s.rate(c.segment, c.returning, seg.experience), 0) / mass;
    return { experience: seg.experience, control, treatment, relativeLift: treatment / control - 1 };
  });
  return {
    scenario: s.name,
    story: s.story,
    design,
    signalAccuracy: s.signalAccuracy,
    values: {
      baseline: valueOf(() => 'baseline'),
      currentRules: valueOf(rules),
      bestSingle,
      bestOnSignals: bestPolicyValue(s, cells, (c) => `${c.guess}:${c.returning}`),
      perfectWorld: bestPolicyValue(s, cells, (c) => `${c.segment}:${c.guess}:${c.returning}`),
    },
    experiences,
    valueOfSegmentation,
    bestDimension,
  };
}
