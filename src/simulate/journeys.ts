/**
 * Journey scenarios: a world where visitors enter audiences over time, so Candor decides a slot again when a visitor
 * who matched nothing comes to match (docs/assignment.md#the-decision-model-decisions-that-follow-the-visitor).
 *
 * Visitors belong to one of three true segments (developer, manager, ops). They arrive with a few signals (the
 * managers campaign, a search engine, a visit before this period, docs pages read before), then, with probabilities
 * that depend on their segment only, read more docs pages in the same visit (`pages.docs` reaches 2: the
 * `docs-readers` audience) and come back within three days (`visit.returning`: the `returning` audience). **What the
 * site shows never changes whether or when they do so**: the assumption the off-policy answers rest on (README.md
 * "Limitations"). The hero slot targets `managers` → manager-hero, `docs-readers` → dev-hero and `returning` →
 * welcome-back-hero, in that order, and logs the shadow audience `from-search`. Conversion on `signup` depends on the
 * true segment and on what the hero shows at the end of the journey (what it shows then stays); `newsletter` depends
 * on nothing.
 */
import type { Signals } from '../core/types.js';

/** The actions of the hero slot in a journey scenario: the standard content and the three experiences. */
export const JOURNEY_ACTIONS = ['baseline', 'manager-hero', 'dev-hero', 'welcome-back-hero'] as const;
/** A hero action of a journey scenario. */
export type JourneyAction = (typeof JOURNEY_ACTIONS)[number];

/**
 * The audiences of the journey site, in config order, with the rule as config JSON and the same rule as code (the
 * truth reads the code, the SDK the JSON: the coverage tests fail if they disagree).
 */
export const JOURNEY_AUDIENCES = [
  { id: 'managers', label: 'managers', when: { 'utm.campaign': 'managers' }, reason: 'You came here from our campaign for managers.', shadow: false, matches: (s: Signals) => s['utm.campaign'] === 'managers' },
  { id: 'docs-readers', label: 'docs readers', when: { 'pages.docs': { $gte: 2 } }, reason: 'You have read our documentation.', shadow: false, matches: (s: Signals) => ((s['pages.docs'] as number | undefined) ?? 0) >= 2 },
  { id: 'returning', label: 'returning visitors', when: { 'visit.returning': true }, reason: 'You have visited this site before.', shadow: false, matches: (s: Signals) => s['visit.returning'] === true },
  { id: 'from-search', label: 'search visitors', when: { 'referrer.kind': 'search' }, reason: 'You came here from a search engine.', shadow: true, matches: (s: Signals) => s['referrer.kind'] === 'search' },
] as const;

/** The hero experiences in config order: targeting shows the first whose audience matches. */
export const JOURNEY_EXPERIENCES = [
  { id: 'manager-hero', audience: 'managers' },
  { id: 'dev-hero', audience: 'docs-readers' },
  { id: 'welcome-back-hero', audience: 'returning' },
] as const;

/** One true segment of a journey scenario: its share, how its visitors arrive and move, and how they convert. */
export interface JourneySegment {
  id: string;
  label: string;
  share: number;
  /** Probability of arriving from the managers campaign (`utm.campaign=managers`). */
  campaign: number;
  /** Probability of arriving from a search engine (`referrer.kind=search`, the shadow audience). */
  search: number;
  /** Probability of having visited before this period (returning on arrival). */
  returning: number;
  /** A returning visitor's probability of having read two docs pages before (a docs reader on arrival). */
  docsHistory: number;
  /** A new visitor's probability of landing on a docs page (`pages.docs` = 1 on arrival). */
  landsOnDocs: number;
  /** Probability of reading docs pages in this visit until `pages.docs` reaches 2 (if below). */
  readsDocs: number;
  /** Probability of coming back within three days (`visit.returning` from then on). */
  comesBack: number;
  /** Conversion probability of `signup` by what the hero shows at the end of the journey. */
  rates: Record<JourneyAction, number>;
}

/** A scenario where visitors enter audiences over time. */
export interface JourneyScenario {
  kind: 'journeys';
  name: string;
  /** What the report should find, in one sentence. */
  story: string;
  segments: JourneySegment[];
  /** Conversion probability of `newsletter` (no effect anywhere). */
  newsletterRate: number;
}

/** One visitor's journey: who they are and what they will do (independent of what they are shown). */
export interface JourneyPath {
  segment: number;
  campaign: boolean;
  search: boolean;
  /** Returning on arrival (visited before this period). */
  returning: boolean;
  /** Docs pages read on arrival. */
  docs: 0 | 1 | 2;
  readsDocs: boolean;
  comesBack: boolean;
}

/** A page view of a journey: the signals the browser holds, and whether it starts a visit. */
export interface JourneyPageView {
  signals: Signals;
  kind: 'arrival' | 'docs' | 'return';
}

/**
 * The page views of a journey, in order: the arrival; in the same visit, one docs page after another until
 * `pages.docs` reaches 2 (if the visitor reads docs); then a return visit (if they come back), without a campaign,
 * typed in directly. Campaign and referrer hold for the visit they started (as the SDK's signals do).
 * @example journeyPageViews({ segment: 0, campaign: false, search: true, returning: false, docs: 0, readsDocs: true, comesBack: true }).length // 4
 */
export function journeyPageViews(path: JourneyPath): JourneyPageView[] {
  const visit: Signals = {
    ...(path.campaign ? { 'utm.campaign': 'managers' } : {}),
    'referrer.kind': path.search ? 'search' : 'direct',
    'visit.returning': path.returning,
    'visit.sessions': path.returning ? 2 : 1,
  };
  let docs: number = path.docs;
  const views: JourneyPageView[] = [{ kind: 'arrival', signals: { ...visit, 'pages.docs': docs } }];
  if (path.readsDocs) while (docs < 2) views.push({ kind: 'docs', signals: { ...visit, 'pages.docs': ++docs } });
  if (path.comesBack) {
    views.push({ kind: 'return', signals: { 'referrer.kind': 'direct', 'visit.returning': true, 'visit.sessions': (path.returning ? 2 : 1) + 1, 'pages.docs': docs } });
  }
  return views;
}

/** The audiences a page view's signals match (config order, shadow included). */
export const journeyAudiences = (signals: Signals): string[] => JOURNEY_AUDIENCES.filter((a) => a.matches(signals)).map((a) => a.id);

/** What targeting shows for these signals: the first experience whose (non-shadow) audience matches, else the standard content. */
export function journeyTarget(signals: Signals): JourneyAction {
  const matched = journeyAudiences(signals);
  return JOURNEY_EXPERIENCES.find((e) => matched.includes(e.audience))?.id ?? 'baseline';
}

/** Every journey with its probability (the branches multiply; a few branches give the same page views). */
export function journeyPaths(s: JourneyScenario): { p: number; path: JourneyPath }[] {
  const out: { p: number; path: JourneyPath }[] = [];
  const both = (q: number): [boolean, number][] => [[true, q], [false, 1 - q]];
  s.segments.forEach((seg, segment) => {
    for (const [campaign, pc] of both(seg.campaign)) {
      for (const [search, ps] of both(seg.search)) {
        for (const [returning, pr] of both(seg.returning)) {
          const docsOptions: [0 | 1 | 2, number][] = returning ? [[2, seg.docsHistory], [0, 1 - seg.docsHistory]] : [[1, seg.landsOnDocs], [0, 1 - seg.landsOnDocs]];
          for (const [docs, pd] of docsOptions) {
            for (const [readsDocs, pread] of both(seg.readsDocs)) {
              for (const [comesBack, pb] of both(seg.comesBack)) {
                const p = seg.share * pc * ps * pr * pd * pread * pb;
                if (p > 0) out.push({ p, path: { segment, campaign, search, returning, docs, readsDocs, comesBack } });
              }
            }
          }
        }
      }
    }
  });
  return out;
}

/** Draws one journey with the probabilities of {@link journeyPaths}. */
export function sampleJourney(s: JourneyScenario, random: () => number): JourneyPath {
  let u = random();
  let segment = s.segments.length - 1;
  for (let i = 0; i < s.segments.length; i++) {
    u -= s.segments[i]?.share ?? 0;
    if (u < 0) {
      segment = i;
      break;
    }
  }
  const seg = s.segments[segment];
  if (!seg) throw new Error(`Scenario ${s.name} has no segments.`);
  const campaign = random() < seg.campaign;
  const search = random() < seg.search;
  const returning = random() < seg.returning;
  const docs: 0 | 1 | 2 = returning ? (random() < seg.docsHistory ? 2 : 0) : random() < seg.landsOnDocs ? 1 : 0;
  const readsDocs = random() < seg.readsDocs;
  const comesBack = random() < seg.comesBack;
  return { segment, campaign, search, returning, docs, readsDocs, comesBack };
}

/** The `journeys` scenario of `candor simulate`. */
export const JOURNEYS: JourneyScenario = {
  kind: 'journeys',
  name: 'journeys',
  story:
    'Visitors enter audiences over time: developers read the docs (dev-hero lifts developers 6% → 11%), visitors come back (welcome-back-hero lifts developers 6% → 12% but loses managers 12% → 9% and ops 10% → 7.5%). Most visitors who come back during the period are developers, most who were back on arrival are not: counted from the decision made when they came to match, welcome-back-hero wins for its audience; counted from the first exposure alone it would look like a loss.',
  segments: [
    {
      id: 'developer',
      label: 'developers',
      share: 0.45,
      campaign: 0.05,
      search: 0.6,
      returning: 0.1,
      docsHistory: 0.6,
      landsOnDocs: 0.3,
      readsDocs: 0.5,
      comesBack: 0.45,
      rates: { baseline: 0.06, 'manager-hero': 0.05, 'dev-hero': 0.11, 'welcome-back-hero': 0.12 },
    },
    {
      id: 'manager',
      label: 'managers',
      share: 0.3,
      campaign: 0.5,
      search: 0.2,
      returning: 0.45,
      docsHistory: 0.05,
      landsOnDocs: 0.05,
      readsDocs: 0.05,
      comesBack: 0.15,
      rates: { baseline: 0.12, 'manager-hero': 0.16, 'dev-hero': 0.09, 'welcome-back-hero': 0.09 },
    },
    {
      id: 'ops',
      label: 'ops teams',
      share: 0.25,
      campaign: 0.1,
      search: 0.4,
      returning: 0.45,
      docsHistory: 0.2,
      landsOnDocs: 0.15,
      readsDocs: 0.25,
      comesBack: 0.15,
      rates: { baseline: 0.1, 'manager-hero': 0.1, 'dev-hero': 0.12, 'welcome-back-hero': 0.075 },
    },
  ],
  newsletterRate: 0.05,
};

/** The named journey scenarios of `candor simulate`. */
export const JOURNEY_SCENARIOS: Record<string, JourneyScenario> = { journeys: JOURNEYS };
