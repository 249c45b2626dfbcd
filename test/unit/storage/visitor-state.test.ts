import { describe, expect, it } from 'vitest';
import { emptyMemory, migrateState, type VisitorState } from '../../../src/storage/visitor-state.js';
import type { StickyAssignment } from '../../../src/core/types.js';

const NOW = Date.UTC(2026, 0, 5);
const assignment: StickyAssignment = {
  version: '3',
  shares: '0.05:0.1:0.1',
  tier: 'relationship',
  arm: 'targeted',
  experience: 'developers',
  counterfactual: 'developers',
  propensity: 0.765,
  audience: 'devs',
  audiences: ['devs'],
  eligible: ['developers'],
  decisionId: 'd1',
  exposed: true,
};
const valid = (): VisitorState => ({
  v: 1,
  visitorId: '0123456789abcdef0123456789abcdef',
  idSource: 'local',
  created: NOW - 1000,
  consent: 'high',
  standard: true,
  asked: true,
  assignments: { hero: assignment },
  memory: { ...emptyMemory(), recent: ['/'], pages: { docs: 2 }, declared: { role: 'dev' }, goals: { signup: 1 }, interest: { k8s: { score: 1.5, at: NOW } } },
});

describe('migrateState', () => {
  it('keeps a valid current state as it is (a JSON round trip)', () => {
    expect(migrateState(JSON.parse(JSON.stringify(valid())), NOW)).toEqual(valid());
  });

  it('migrates a v0 snapshot (id instead of visitorId, no memory)', () => {
    const v0 = { v: 0, id: 'abc123', created: NOW - 5000, consent: 'low', assignments: { hero: assignment } };
    expect(migrateState(v0, NOW)).toEqual({
      v: 1,
      visitorId: 'abc123',
      idSource: 'local',
      created: NOW - 5000,
      consent: 'low',
      assignments: { hero: assignment },
      memory: emptyMemory(),
    });
  });

  it.each([
    ['null', null],
    ['a string', 'candor'],
    ['an array', [1, 2]],
    ['another library’s data', { user: 'x', prefs: { dark: true } }],
    ['a future version', { ...valid(), v: 2 }],
    ['no visitor id', { ...valid(), visitorId: undefined }],
    ['a numeric visitor id', { ...valid(), visitorId: 42 }],
    ['an empty visitor id', { ...valid(), visitorId: '' }],
    ['an oversized visitor id', { ...valid(), visitorId: 'x'.repeat(500) }],
    ['an unknown id source', { ...valid(), idSource: 'cookie' }],
    ['a state created in the future', { ...valid(), created: NOW + 7 * 864e5 }],
  ])('discards %s', (_name, raw) => {
    expect(migrateState(raw, NOW)).toBeNull();
  });

  it('drops badly typed parts instead of trusting them', () => {
    const raw = {
      ...valid(),
      consent: 'everything',
      standard: 'yes',
      assignments: {
        hero: assignment,
        bad1: { ...assignment, arm: 'vip' },
        bad2: { ...assignment, propensity: 7 },
        bad3: { ...assignment, audiences: 'devs' },
        bad4: 'baseline',
        bad5: null,
      },
      memory: {
        visits: { count: -3, sessions: 'two', first: NOW, last: 0, lastActivity: NOW },
        session: { start: NOW, pageviews: 2, landingPath: 42, landingUrl: 'https://example.com/', referrer: '' },
        pages: { docs: 3, evil: '1; DROP' },
        recent: ['/', 5],
        declared: { role: 'dev', nested: { a: 1 } },
        goals: [],
        interest: { k8s: { score: 'high', at: 1 }, ok: { score: 2, at: NOW } },
        engagement: { scrollDepth: 250, activeSeconds: 30 },
      },
    };
    const state = migrateState(raw, NOW);
    expect(state?.consent).toBeUndefined();
    expect(state?.standard).toBeUndefined();
    expect(Object.keys(state?.assignments ?? {})).toEqual(['hero']);
    expect(state?.memory).toEqual({
      visits: { count: 0, sessions: 0, first: NOW, last: 0, lastActivity: NOW },
      session: { start: NOW, pageviews: 2, landingPath: '', landingUrl: 'https://example.com/', referrer: '' },
      pages: { docs: 3 },
      recent: [],
      declared: { role: 'dev' },
      goals: {},
      interest: { ok: { score: 2, at: NOW } },
      engagement: { scrollDepth: 100, activeSeconds: 30 },
    });
  });

  it('bounds sizes', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 1]));
    const raw = { ...valid(), memory: { ...valid().memory, pages: many, goals: many, recent: Array.from({ length: 50 }, (_, i) => `/p${i}`) } };
    const state = migrateState(raw, NOW);
    expect(Object.keys(state?.memory.pages ?? {})).toHaveLength(50);
    expect(Object.keys(state?.memory.goals ?? {})).toHaveLength(50);
    expect(state?.memory.recent).toHaveLength(10);
  });

  it('ignores a __proto__ key instead of changing an object’s prototype', () => {
    const raw = JSON.parse(`{"v":1,"visitorId":"a","idSource":"local","created":0,"assignments":{},"memory":{"interest":{"__proto__":{"score":1,"at":0}}}}`) as unknown;
    const state = migrateState(raw, NOW);
    expect(Object.getPrototypeOf(state?.memory.interest)).toBe(Object.prototype);
    expect(Object.keys(state?.memory.interest ?? {})).toEqual([]);
  });

  it('never throws, even on hostile objects', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('nope'); }, ownKeys: () => { throw new Error('nope'); } });
    expect(migrateState(hostile, NOW)).toBeNull();
    expect(migrateState({ ...valid(), memory: hostile }, NOW)).toBeNull();
  });
});
