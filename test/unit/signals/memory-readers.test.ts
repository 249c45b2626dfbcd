import { describe, expect, it } from 'vitest';
import { sessionReader } from '../../../src/signals/readers/session-reader.js';
import { visitReader } from '../../../src/signals/readers/visit-reader.js';
import { pagesReader } from '../../../src/signals/readers/pages-reader.js';
import { recentReader } from '../../../src/signals/readers/recent-reader.js';
import { declaredReader } from '../../../src/signals/readers/declared-reader.js';
import { goalsReader } from '../../../src/signals/readers/goals-reader.js';
import { interestReader } from '../../../src/signals/readers/interest-reader.js';
import { engagementReader } from '../../../src/signals/readers/engagement-reader.js';
import { recordPageView } from '../../../src/storage/record-page-view.js';
import { recordGoal } from '../../../src/storage/record-goal.js';
import { recordInterest } from '../../../src/storage/record-interest.js';
import { recordEngagement } from '../../../src/storage/record-engagement.js';
import { emptyMemory, type VisitorMemory } from '../../../src/storage/visitor-state.js';
import { makeEnv, MONDAY_NOON_UTC } from './make-env.js';

const DAY = 864e5;
const sections = { docs: '/docs/', pricing: '/pricing' };
const view = (memory: VisitorMemory, path: string, at: number, referrer = '') =>
  recordPageView(memory, { url: 'https://example.com' + path, referrer, sections }, at);

/** Two visits: three pages ten days ago, two pages today. */
function twoVisits(): VisitorMemory {
  const first = MONDAY_NOON_UTC - 10 * DAY;
  let m = view(emptyMemory(), '/', first, 'https://www.google.com/');
  m = view(m, '/docs/start', first + 60_000);
  m = view(m, '/docs/api', first + 120_000);
  m = view(m, '/pricing', MONDAY_NOON_UTC - 60_000, 'https://www.linkedin.com/');
  return view(m, '/docs/start', MONDAY_NOON_UTC);
}

describe('session and visit readers', () => {
  it('report a returning visitor', () => {
    const env = makeEnv({ memory: twoVisits(), sections });
    expect(sessionReader.read(env)).toEqual({ 'session.pageviews': 2, 'session.landingPath': '/pricing' });
    expect(visitReader.read(env)).toEqual({
      'visit.count': 5,
      'visit.sessions': 2,
      'visit.returning': true,
      'visit.daysSinceFirst': 10,
      'visit.daysSinceLast': 9, // the previous visit ended 10 days minus 2 minutes before 12:29 today
    });
  });

  it('report a first visit with no "days since last"', () => {
    const env = makeEnv({ memory: view(emptyMemory(), '/', MONDAY_NOON_UTC) });
    expect(visitReader.read(env)).toEqual({
      'visit.count': 1,
      'visit.sessions': 1,
      'visit.returning': false,
      'visit.daysSinceFirst': 0,
      'visit.daysSinceLast': undefined,
    });
  });

  it('say nothing when nothing is remembered', () => {
    expect(sessionReader.read(makeEnv())).toEqual({});
    expect(visitReader.read(makeEnv())).toEqual({});
  });
});

describe('pages and recent readers', () => {
  it('count views per configured section, 0 for none', () => {
    const env = makeEnv({ memory: twoVisits(), sections: { ...sections, blog: '/blog/' } });
    expect(pagesReader.read(env)).toEqual({ 'pages.docs': 3, 'pages.pricing': 1, 'pages.blog': 0 });
  });

  it('list recent distinct paths, most recent first', () => {
    expect(recentReader.read(makeEnv({ memory: twoVisits() }))).toEqual({ 'recent.pages': ['/docs/start', '/pricing', '/docs/api', '/'] });
  });
});

describe('declaredReader', () => {
  it('exposes only the keys the config allows', () => {
    const memory = { ...emptyMemory(), declared: { role: 'developer', secret: 'x' } };
    expect(declaredReader.read(makeEnv({ memory, declareKeys: ['role', 'industry'] }))).toEqual({ 'declared.role': 'developer' });
  });
});

describe('goalsReader', () => {
  it('counts goals reached', () => {
    const memory = recordGoal(recordGoal(recordGoal(emptyMemory(), 'demo-booked', 1), 'signup', 2), 'demo-booked', 3);
    expect(goalsReader.read(makeEnv({ memory }))).toEqual({ 'goals.demo-booked': 2, 'goals.signup': 1 });
  });
});

describe('interestReader', () => {
  it('halves interest every 14 days, computed at read time', () => {
    let memory = recordInterest(emptyMemory(), 'pricing', 2, MONDAY_NOON_UTC);
    memory = recordInterest(memory, 'security', 1, MONDAY_NOON_UTC);
    expect(interestReader.read(makeEnv({ memory }))).toEqual({ 'interest.pricing': 2, 'interest.security': 1 });
    expect(interestReader.read(makeEnv({ memory, now: MONDAY_NOON_UTC + 14 * DAY }))).toEqual({ 'interest.pricing': 1, 'interest.security': 0.5 });
    expect(interestReader.read(makeEnv({ memory, now: MONDAY_NOON_UTC + 28 * DAY }))['interest.pricing']).toBe(0.5);
  });
});

describe('engagementReader', () => {
  it('reads the deepest scroll of the visit and active time on the site', () => {
    let memory = recordEngagement(emptyMemory(), { scrollDepth: 80, activeSeconds: 30 }, MONDAY_NOON_UTC);
    memory = recordEngagement(memory, { scrollDepth: 40, activeSeconds: 15 }, MONDAY_NOON_UTC);
    expect(engagementReader.read(makeEnv({ memory }))).toEqual({ 'engagement.scrollDepth': 80, 'engagement.activeSeconds': 45 });
  });
});
