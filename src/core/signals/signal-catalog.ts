import type { Tier } from '../types.js';
import { SIGNAL_TIERS, signalEntry } from './signal-tiers.js';

/** What Candor knows about a signal name: its visitor-facing label and data intensity. */
export interface SignalSpec {
  /** Dotted name; a trailing `.*` stands for a family (`pages.*` covers `pages.docs`). */
  name: string;
  /** Visitor-facing label; in a family, `{key}` is replaced by the part after the dot. */
  label: string;
  tier: Tier;
}

/** The visitor-facing label of every signal (explanations only; deciding needs the tiers of signal-tiers.ts alone). */
export const SIGNAL_LABELS: Readonly<Record<string, string>> = {
  // low: this visit only
  'url.host': 'Website address you are on',
  'url.path': 'Page you are on',
  'query.*': 'Link parameter “{key}”',
  'utm.source': 'Where the link you followed came from',
  'utm.medium': 'Kind of link you followed',
  'utm.campaign': 'Campaign you arrived from',
  'utm.term': 'Search term of the ad you followed',
  'utm.content': 'Ad or link version you followed',
  'referrer.host': 'Website that sent you here',
  'referrer.kind': 'Kind of website that sent you here',
  'locale.language': 'Your browser’s language',
  'locale.languages': 'Languages your browser prefers',
  'locale.timezone': 'Your time zone',
  'locale.region': 'Region of your time zone',
  'device.type': 'Kind of device',
  'device.touch': 'Touch screen',
  'device.reducedMotion': 'You asked for reduced motion',
  'device.saveData': 'You asked to save data',
  'time.hour': 'Hour of the day, your time',
  'time.weekday': 'Day of the week, your time',
  'session.pageviews': 'Pages viewed in this visit',
  'session.landingPath': 'First page of this visit',
  // relationship: remembered on this site or told to us
  'visit.count': 'Page views on this site',
  'visit.sessions': 'Visits to this site',
  'visit.returning': 'You have visited before',
  'visit.daysSinceFirst': 'Days since your first visit',
  'visit.daysSinceLast': 'Days since your last visit',
  'pages.*': 'Pages you viewed in “{key}”',
  'recent.pages': 'Pages you viewed recently',
  'declared.*': 'What you told us: {key}',
  'goals.*': 'Times you reached “{key}”',
  // high: inferred from behaviour
  'interest.*': 'Your interest in “{key}”, from what you read and clicked',
  'engagement.scrollDepth': 'How far you scrolled',
  'engagement.activeSeconds': 'Time you spent active on this site',
};

/** The kind of value a signal holds: a string, a number, true/false, or a list of strings. */
export type SignalType = 'string' | 'number' | 'boolean' | 'list';

/**
 * The kind of value each signal holds (catalog names; a family's members share its kind), what `candor check`
 * compares a rule's operands with. A unit test reads every signal and checks its value against this table.
 */
export const SIGNAL_TYPES: Readonly<Record<string, SignalType>> = {
  'url.host': 'string',
  'url.path': 'string',
  'query.*': 'string',
  'utm.source': 'string',
  'utm.medium': 'string',
  'utm.campaign': 'string',
  'utm.term': 'string',
  'utm.content': 'string',
  'referrer.host': 'string',
  'referrer.kind': 'string',
  'locale.language': 'string',
  'locale.languages': 'list',
  'locale.timezone': 'string',
  'locale.region': 'string',
  'device.type': 'string',
  'device.touch': 'boolean',
  'device.reducedMotion': 'boolean',
  'device.saveData': 'boolean',
  'time.hour': 'number',
  'time.weekday': 'string',
  'session.pageviews': 'number',
  'session.landingPath': 'string',
  'visit.count': 'number',
  'visit.sessions': 'number',
  'visit.returning': 'boolean',
  'visit.daysSinceFirst': 'number',
  'visit.daysSinceLast': 'number',
  'pages.*': 'number',
  'recent.pages': 'list',
  'declared.*': 'string',
  'goals.*': 'number',
  'interest.*': 'number',
  'engagement.scrollDepth': 'number',
  'engagement.activeSeconds': 'number',
};

/**
 * The kind of value a signal holds (families resolved), or undefined for a name Candor does not read.
 * @example signalType('pages.docs') // 'number'
 */
export function signalType(name: string): SignalType | undefined {
  const entry = signalEntry(name)?.[0];
  return entry === undefined ? undefined : SIGNAL_TYPES[entry];
}

/**
 * Every signal Candor can read, with label and tier. Conditions on any other name are config errors. Marked pure, so a
 * bundle that never reads it (the script tag's runtime) does not carry it.
 */
export const SIGNAL_CATALOG: readonly SignalSpec[] = /* @__PURE__ */ (Object.keys(SIGNAL_TIERS) as Tier[]).flatMap((tier) =>
  SIGNAL_TIERS[tier].map((name) => ({ name, label: SIGNAL_LABELS[name] ?? name, tier })),
);

/**
 * Looks a signal name up in the catalog, resolving families.
 * @returns the spec with its label filled in, or undefined for an unknown name.
 * @example signalSpec('pages.docs') // { name: 'pages.docs', label: 'Pages you viewed in “docs”', tier: 'relationship' }
 */
export function signalSpec(name: string): SignalSpec | undefined {
  const found = signalEntry(name);
  if (!found) return undefined;
  const [entry, tier] = found;
  const label = SIGNAL_LABELS[entry] ?? name;
  return { name, label: entry === name ? label : label.replace('{key}', name.slice(name.indexOf('.') + 1)), tier };
}
