import { JOURNEY_ACTIONS, JOURNEY_EXPERIENCES, journeyAudiences, journeyPageViews, journeyPaths, journeyTarget, type JourneyAction, type JourneyScenario } from './journeys.js';
import type { SimulationTruth } from './simulation-truth.js';

/** A logged context of the hero slot: the matched audiences (sorted, as the report keeps them) and what targeting shows. */
export interface JourneyContext {
  audiences: string[];
  counterfactual: JourneyAction;
}

/**
 * A group of visitors with the same segment, first context and decision record, and its probability. The decision
 * record is the first page view whose counterfactual is an experience when the first one's is the standard content,
 * else the first page view: what the report reads Q1 and the off-policy answers from.
 */
export interface JourneyCell {
  p: number;
  segment: number;
  /** The self-identification answer as the report keeps it (`role=developer`). */
  answer: string;
  /** The context of the first page view (intention to treat). */
  first: JourneyContext;
  /** The context of the decision record. */
  record: JourneyContext;
  /** Decided again: the visitor matched nothing on arrival and came to match later. */
  cameToMatch: boolean;
}

/** What is true in a journey scenario: the common truth of every scenario, and what only journeys have. */
export interface JourneyTruth extends SimulationTruth {
  kind: 'journeys';
  /** Share of visitors whose hero slot is decided again when they come to match (a second exposure). */
  cameToMatch: number;
  /** Per hero experience, among visitors whose decision record targets it: the truth Q1 estimates, and its two parts. */
  experiences: (SimulationTruth['experiences'][number] & {
    /** Share of all visitors whose decision record targets this experience. */
    share: number;
    /** Those targeted on arrival (first exposure). */
    onArrival: { share: number; relativeLift: number };
    /** Those who came to match later (decided again). */
    cameToMatch: { share: number; relativeLift: number };
  })[];
  /** Q2: the targeted arm against the explore arm (per-visitor conversion probability of signup). */
  targeting: { targeted: number; explore: number; difference: number; relativeLift: number };
  /** Q0: everyone outside the holdout against the holdout. */
  holdout: { rest: number; holdout: number; difference: number; relativeLift: number };
}

const sortedAudiences = (list: string[]): string[] => [...list].sort();

/**
 * Every (segment, first context, decision record) of a journey scenario with its probability, by enumeration of the
 * journeys (no sampling). Contexts come from the scenario's own audience rules, not from `decide`.
 * @example journeyCells(JOURNEY_SCENARIOS.journeys).reduce((t, c) => t + c.p, 0) // 1
 */
export function journeyCells(s: JourneyScenario): JourneyCell[] {
  const merged = new Map<string, JourneyCell>();
  for (const { p, path } of journeyPaths(s)) {
    const views = journeyPageViews(path);
    const contexts = views.map((v) => ({ audiences: sortedAudiences(journeyAudiences(v.signals)), counterfactual: journeyTarget(v.signals) }));
    const first = contexts[0];
    if (!first) continue;
    const later = first.counterfactual === 'baseline' ? contexts.find((c) => c.counterfactual !== 'baseline') : undefined;
    const record = later ?? first;
    const key = `${path.segment}|${first.audiences.join(',')}>${first.counterfactual}|${record.audiences.join(',')}>${record.counterfactual}|${String(!!later)}`;
    const cell = merged.get(key);
    if (cell) cell.p += p;
    else merged.set(key, { p, segment: path.segment, answer: `role=${s.segments[path.segment]?.id ?? ''}`, first, record, cameToMatch: !!later });
  }
  return [...merged.values()];
}

/**
 * The true value (per-visitor conversion probability of `signup`) of a policy that shows `policy(cell)` from the
 * decision record on; what a visitor shows at the end of the journey is what converts.
 * @example journeyPolicyValue(s, cells, (c) => c.record.counterfactual) // the current rules
 */
export function journeyPolicyValue(s: JourneyScenario, cells: readonly JourneyCell[], policy: (cell: JourneyCell) => string): number {
  let v = 0;
  for (const c of cells) v += c.p * (s.segments[c.segment]?.rates[policy(c) as JourneyAction] ?? NaN);
  return v;
}

/** The best action per group of cells and the value of that policy. */
function bestPolicyValue(s: JourneyScenario, cells: readonly JourneyCell[], key: (c: JourneyCell) => string): number {
  const groups = new Map<string, JourneyCell[]>();
  for (const c of cells) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  let value = 0;
  for (const group of groups.values()) value += Math.max(...JOURNEY_ACTIONS.map((a) => journeyPolicyValue(s, group, () => a)));
  return value;
}

/** Control and treatment rates of an experience among some cells, and the relative lift. */
function lift(s: JourneyScenario, cells: readonly JourneyCell[], experience: string): { share: number; control: number; treatment: number; relativeLift: number } {
  const share = cells.reduce((t, c) => t + c.p, 0);
  const control = journeyPolicyValue(s, cells, () => 'baseline') / share;
  const treatment = journeyPolicyValue(s, cells, () => experience) / share;
  return { share, control, treatment, relativeLift: treatment / control - 1 };
}

/**
 * The truth of a journey scenario under a design, exactly, for comparison with what `candor report` estimates:
 * Q1 per experience among the visitors whose decision record targets it (from arrival or after coming to match),
 * Q2 (the targeted arm against exploration's uniform pick), Q0, and the off-policy values on the decision record's
 * context (current rules, best single experience, best on the logged audiences, perfect world knowing the segment).
 * @example journeyTruth(JOURNEY_SCENARIOS.journeys, { holdout: 0.05, control: 0.1, explore: 0.1 }).experiences
 */
export function journeyTruth(s: JourneyScenario, design: { holdout: number; control: number; explore: number }): JourneyTruth {
  const cells = journeyCells(s);
  const value = (policy: (c: JourneyCell) => string): number => journeyPolicyValue(s, cells, policy);
  let bestSingle: { action: JourneyAction; value: number } = { action: 'baseline', value: -Infinity };
  for (const a of JOURNEY_ACTIONS) {
    const v = value(() => a);
    if (v > bestSingle.value + 1e-12) bestSingle = { action: a, value: v };
  }
  const context = (c: JourneyCell): string => c.record.audiences.join(',');
  const valueOfSegmentation: Record<string, number> = {};
  let bestDimension = '';
  for (const id of [...new Set(cells.flatMap((c) => c.record.audiences))].sort()) {
    valueOfSegmentation[id] = bestPolicyValue(s, cells, (c) => String(c.record.audiences.includes(id))) - bestSingle.value;
    if (bestDimension === '' || (valueOfSegmentation[id] ?? 0) > (valueOfSegmentation[bestDimension] ?? 0) + 1e-12) bestDimension = id;
  }
  const experiences = JOURNEY_EXPERIENCES.map(({ id }) => {
    const all = cells.filter((c) => c.record.counterfactual === id);
    const whole = lift(s, all, id);
    const part = (came: boolean): { share: number; relativeLift: number } => {
      const l = lift(s, all.filter((c) => c.cameToMatch === came), id);
      return { share: l.share, relativeLift: l.share > 0 ? l.relativeLift : NaN };
    };
    return { experience: id, control: whole.control, treatment: whole.treatment, relativeLift: whole.relativeLift, share: whole.share, onArrival: part(false), cameToMatch: part(true) };
  });
  const baseline = value(() => 'baseline');
  const targeted = value((c) => c.record.counterfactual);
  // Exploration draws one explorable audience or none, equally likely: the hero shows that audience's experience.
  const picks: string[] = [...JOURNEY_EXPERIENCES.map((e) => e.id), 'baseline'];
  const explore = picks.reduce((t, a) => t + value(() => a), 0) / picks.length;
  const rest = design.control * baseline + design.explore * explore + (1 - design.control - design.explore) * targeted;
  return {
    kind: 'journeys',
    scenario: s.name,
    story: s.story,
    design,
    values: {
      baseline,
      currentRules: targeted,
      bestSingle,
      bestOnSignals: bestPolicyValue(s, cells, context),
      perfectWorld: bestPolicyValue(s, cells, (c) => `${c.answer}#${context(c)}`),
    },
    experiences,
    valueOfSegmentation,
    bestDimension,
    cameToMatch: cells.filter((c) => c.cameToMatch).reduce((t, c) => t + c.p, 0),
    targeting: { targeted, explore, difference: targeted - explore, relativeLift: targeted / explore - 1 },
    holdout: { rest, holdout: baseline, difference: rest - baseline, relativeLift: rest / baseline - 1 },
  };
}
