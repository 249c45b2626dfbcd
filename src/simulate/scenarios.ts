/**
 * Simulation scenarios: a world whose truth is known, so `candor report` can be checked against it.
 *
 * The world: visitors belong to one of three true segments (developer, manager, ops) and may be "returning"
 * (a second, shadow dimension). Browser signals guess the segment: with probability `signalAccuracy` the
 * campaign a visitor arrives from names their true segment, otherwise one of the other two. The site targets
 * the `hero` slot by that guess (three audiences, three experiences) and logs a shadow audience `returning`.
 * Conversion on the goal `signup` depends on the true segment, the returning flag and what the hero slot
 * shows; the goal `newsletter` never depends on anything.
 */

/** The actions of the hero slot: the standard content and one experience per segment. */
export const ACTIONS = ['baseline', 'dev-hero', 'manager-hero', 'ops-hero'] as const;
/** A hero action. */
export type Action = (typeof ACTIONS)[number];
/** The true segments, with the audience that guesses each and the experience targeted at it. */
export const SEGMENTS = [
  { id: 'developer', audience: 'developers', campaign: 'developers', experience: 'dev-hero', label: 'developers' },
  { id: 'manager', audience: 'managers', campaign: 'managers', experience: 'manager-hero', label: 'managers' },
  { id: 'ops', audience: 'ops', campaign: 'ops', experience: 'ops-hero', label: 'ops teams' },
] as const;

/** Conversion probability of `signup` for a visitor of a segment (index into SEGMENTS), returning or not, shown an action. */
export type RateFn = (segment: number, returning: boolean, action: Action) => number;

/** One scenario: the truth the report should find. */
export interface Scenario {
  name: string;
  /** What the report should find, in one sentence. */
  story: string;
  segmentShares: [number, number, number];
  /** Probability that the signals name the visitor's true segment. */
  signalAccuracy: number;
  /** Share of returning visitors (the shadow dimension). */
  returningShare: number;
  rate: RateFn;
  /** Conversion probability of `newsletter` (no effect anywhere). */
  newsletterRate: number;
  /** Extra shadow audiences logged (`shadow-1` … `shadow-k`, from the signal `query.s1` …), unrelated to anything. Default 0. */
  shadowAudiences?: number;
  /**
   * Relative chance of answering the self-identification prompt by true segment and returning flag (averaging about 1
   * over visitors): the invited share times this answers. Default: everyone alike (respondents are a random sample).
   */
  respond?: (segment: number, returning: boolean) => number;
}

/** Share of visitors in extra shadow audience i (1-based) of k: spread from 15 % to 50 %. */
export const shadowPrevalence = (i: number, k: number): number => 0.15 + (0.35 * (i - 1)) / Math.max(1, k - 1);

const BASE = 0.03;

/** The named scenarios of `candor simulate`. */
export const SCENARIOS: Record<string, Scenario> = {
  aa: {
    name: 'aa',
    story: 'No effect anywhere: every comparison should say "no meaningful difference" or "not enough data", never better or worse.',
    segmentShares: [0.4, 0.35, 0.25],
    signalAccuracy: 0.8,
    returningShare: 0.4,
    rate: () => BASE,
    newsletterRate: 0.05,
  },
  'losing-experience': {
    name: 'losing-experience',
    story: 'dev-hero and manager-hero lift their segments from 3.0% to 3.6%; ops-hero hurts everyone (2.1%) and should be flagged worse.',
    segmentShares: [0.4, 0.35, 0.25],
    signalAccuracy: 0.8,
    returningShare: 0.4,
    rate: (segment, _returning, action) => {
      if (action === 'ops-hero') return 0.021;
      if (action === 'dev-hero') return segment === 0 ? 0.036 : BASE;
      if (action === 'manager-hero') return segment === 1 ? 0.036 : BASE;
      return BASE;
    },
    newsletterRate: 0.05,
  },
  'wrong-categories': {
    name: 'wrong-categories',
    story:
      'The segments the site targets do not matter; the shadow dimension "returning" does: returning visitors convert at 5% on ops-hero, new visitors at 4% on dev-hero (3% otherwise). Segmenting by returning should rank first.',
    segmentShares: [0.4, 0.35, 0.25],
    signalAccuracy: 0.8,
    returningShare: 0.4,
    rate: (_segment, returning, action) => {
      if (returning) return action === 'ops-hero' ? 0.05 : BASE;
      return action === 'dev-hero' ? 0.04 : BASE;
    },
    newsletterRate: 0.05,
  },
  'poor-signals': {
    name: 'poor-signals',
    story:
      'Each segment converts at 4.0% on its own experience and 2.8% on the others, but the signals guess the segment right only 40% of the time: knowing who is who would be worth more than better rules.',
    segmentShares: [0.4, 0.35, 0.25],
    signalAccuracy: 0.4,
    returningShare: 0.4,
    rate: (segment, _returning, action) => {
      if (action === 'baseline') return BASE;
      return SEGMENTS[segment]?.experience === action ? 0.04 : 0.028;
    },
    newsletterRate: 0.05,
  },
  'aa-12-audiences': {
    name: 'aa-12-audiences',
    story: 'No effect anywhere, and 12 logged audiences (3 targeted, returning, 8 unrelated shadow ones): no segmentation may be called worth anything.',
    segmentShares: [0.4, 0.35, 0.25],
    signalAccuracy: 0.8,
    returningShare: 0.4,
    rate: () => BASE,
    newsletterRate: 0.05,
    shadowAudiences: 8,
  },
  'non-response': {
    name: 'non-response',
    story:
      'As poor-signals, but returning visitors convert 1.8× as often and answer the self-identification prompt 2× as often (new visitors 1/3 as often): respondents are not a random sample, and the report should say so.',
    segmentShares: [0.4, 0.35, 0.25],
    signalAccuracy: 0.4,
    returningShare: 0.4,
    rate: (segment, returning, action) => {
      const base = action === 'baseline' ? BASE : SEGMENTS[segment]?.experience === action ? 0.04 : 0.028;
      return returning ? base * 1.8 : base;
    },
    newsletterRate: 0.05,
    respond: (_segment, returning) => (returning ? 2 : 1 / 3),
  },
};
