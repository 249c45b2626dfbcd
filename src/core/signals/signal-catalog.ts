import type { Tier } from '../types.js';

/** What Candor knows about a signal name: its visitor-facing label and data intensity. */
export interface SignalSpec {
  /** Dotted name; a trailing `.*` stands for a family (`pages.*` covers `pages.docs`). */
  name: string;
  /** Visitor-facing label; in a family, `{key}` is replaced by the part after the dot. */
  label: string;
  tier: Tier;
}

/** Every signal Candor can read. Conditions on any other name are config errors. */
export const SIGNAL_CATALOG: readonly SignalSpec[] = [
  // low: this visit only
  { name: 'url.host', label: 'Website address you are on', tier: 'low' },
  { name: 'url.path', label: 'Page you are on', tier: 'low' },
  { name: 'query.*', label: 'Link parameter “{key}”', tier: 'low' },
  { name: 'utm.source', label: 'Where the link you followed came from', tier: 'low' },
  { name: 'utm.medium', label: 'Kind of link you followed', tier: 'low' },
  { name: 'utm.campaign', label: 'Campaign you arrived from', tier: 'low' },
  { name: 'utm.term', label: 'Search term of the ad you followed', tier: 'low' },
  { name: 'utm.content', label: 'Ad or link version you followed', tier: 'low' },
  { name: 'referrer.host', label: 'Website that sent you here', tier: 'low' },
  { name: 'referrer.kind', label: 'Kind of website that sent you here', tier: 'low' },
  { name: 'locale.language', label: 'Your browser’s language', tier: 'low' },
  { name: 'locale.languages', label: 'Languages your browser prefers', tier: 'low' },
  { name: 'locale.timezone', label: 'Your time zone', tier: 'low' },
  { name: 'locale.region', label: 'Region of your time zone', tier: 'low' },
  { name: 'device.type', label: 'Kind of device', tier: 'low' },
  { name: 'device.touch', label: 'Touch screen', tier: 'low' },
  { name: 'device.reducedMotion', label: 'You asked for reduced motion', tier: 'low' },
  { name: 'device.saveData', label: 'You asked to save data', tier: 'low' },
  { name: 'time.hour', label: 'Hour of the day, your time', tier: 'low' },
  { name: 'time.weekday', label: 'Day of the week, your time', tier: 'low' },
  { name: 'session.pageviews', label: 'Pages viewed in this visit', tier: 'low' },
  { name: 'session.landingPath', label: 'First page of this visit', tier: 'low' },
  // relationship: remembered on this site or told to us
  { name: 'visit.count', label: 'Page views on this site', tier: 'relationship' },
  { name: 'visit.sessions', label: 'Visits to this site', tier: 'relationship' },
  { name: 'visit.returning', label: 'You have visited before', tier: 'relationship' },
  { name: 'visit.daysSinceFirst', label: 'Days since your first visit', tier: 'relationship' },
  { name: 'visit.daysSinceLast', label: 'Days since your last visit', tier: 'relationship' },
  { name: 'pages.*', label: 'Pages you viewed in “{key}”', tier: 'relationship' },
  { name: 'recent.pages', label: 'Pages you viewed recently', tier: 'relationship' },
  { name: 'declared.*', label: 'What you told us: {key}', tier: 'relationship' },
  { name: 'goals.*', label: 'Times you reached “{key}”', tier: 'relationship' },
  // high: inferred from behaviour
  { name: 'interest.*', label: 'Your interest in “{key}”, from what you read and clicked', tier: 'high' },
  { name: 'engagement.scrollDepth', label: 'How far you scrolled', tier: 'high' },
  { name: 'engagement.activeSeconds', label: 'Time you spent active on this site', tier: 'high' },
];

/**
 * Looks a signal name up in the catalog, resolving families.
 * @returns the spec with its label filled in, or undefined for an unknown name.
 * @example signalSpec('pages.docs') // { name: 'pages.docs', label: 'Pages you viewed in “docs”', tier: 'relationship' }
 */
export function signalSpec(name: string): SignalSpec | undefined {
  for (const spec of SIGNAL_CATALOG) {
    if (spec.name === name) return spec;
    if (spec.name.endsWith('.*')) {
      const prefix = spec.name.slice(0, -1);
      const key = name.slice(prefix.length);
      if (name.startsWith(prefix) && key !== '' && !key.includes('.')) {
        return { name, label: spec.label.replace('{key}', key), tier: spec.tier };
      }
    }
  }
  return undefined;
}
