import { TIERS, type Tier } from '../types.js';

/**
 * The data intensity of every signal Candor reads, by name; a trailing `.*` stands for a family (`pages.*` covers
 * `pages.docs`). Kept apart from the visitor-facing labels (signal-catalog.ts), which only explanations need, so
 * deciding does not carry them.
 */
export const SIGNAL_TIERS: Readonly<Record<Tier, readonly string[]>> = {
  low: [
    'url.host', 'url.path', 'query.*', 'utm.source', 'utm.medium', 'utm.campaign', 'utm.term', 'utm.content',
    'referrer.host', 'referrer.kind', 'locale.language', 'locale.languages', 'locale.timezone', 'locale.region',
    'device.type', 'device.touch', 'device.reducedMotion', 'device.saveData', 'time.hour', 'time.weekday',
    'session.pageviews', 'session.landingPath',
  ],
  relationship: [
    'visit.count', 'visit.sessions', 'visit.returning', 'visit.daysSinceFirst', 'visit.daysSinceLast', 'pages.*',
    'recent.pages', 'declared.*', 'goals.*',
  ],
  high: ['interest.*', 'engagement.scrollDepth', 'engagement.activeSeconds'],
};

/**
 * The catalog entry a signal name falls under: itself, or its family (`pages.*` for `pages.docs`: one key after the
 * dot, not empty), with its tier. Undefined for a name Candor does not read. (No family shares a prefix with a plain
 * name, so the order of the lookups does not matter.)
 * @example signalEntry('pages.docs') // ['pages.*', 'relationship']
 */
export function signalEntry(name: string): [entry: string, tier: Tier] | undefined {
  const dot = name.indexOf('.');
  const family = dot > 0 && dot < name.length - 1 && !name.includes('.', dot + 1) ? name.slice(0, dot) + '.*' : '';
  for (const tier of TIERS) {
    const names = SIGNAL_TIERS[tier];
    if (names.includes(name)) return [name, tier];
    if (names.includes(family)) return [family, tier];
  }
  return undefined;
}

/**
 * The tier of a signal name (families resolved), or undefined for a name Candor does not read.
 * @example signalTier('interest.kubernetes') // 'high'
 */
export const signalTier = (name: string): Tier | undefined => signalEntry(name)?.[1];
