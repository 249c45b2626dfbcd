import { afterEach, describe, expect, it } from 'vitest';
import { loadSnapshot, saveSnapshot, SNAPSHOT_KEY } from '../../../src/storage/snapshot-store.js';
import { LIMITS, type VisitorState } from '../../../src/storage/visitor-state.js';
import { recordPageView } from '../../../src/storage/record-page-view.js';
import { recordGoal } from '../../../src/storage/record-goal.js';
import { recordInterest } from '../../../src/storage/record-interest.js';
import type { StickyAssignment } from '../../../src/core/types.js';
import { sampleState } from './state-fixture.js';

const NOW = Date.UTC(2026, 0, 5);

/** A Storage whose methods throw like a blocked or full browser storage. */
function throwingStorage(name: 'SecurityError' | 'QuotaExceededError', on: 'all' | 'write'): Storage {
  const data = new Map<string, string>();
  const fail = () => {
    throw new DOMException(name === 'SecurityError' ? 'The operation is insecure.' : 'The quota has been exceeded.', name);
  };
  return {
    get length() {
      return data.size;
    },
    key: () => null,
    clear: () => {
      data.clear();
    },
    getItem: (k: string) => (on === 'all' ? fail() : data.get(k) ?? null),
    setItem: () => fail(),
    removeItem: (k: string) => {
      if (on === 'all') fail();
      data.delete(k);
    },
  };
}

afterEach(() => {
  localStorage.clear();
});

describe('snapshot store', () => {
  it('saves and loads the state through localStorage', () => {
    const state = sampleState();
    expect(saveSnapshot(localStorage, state)).toBe(true);
    expect(JSON.parse(localStorage.getItem(SNAPSHOT_KEY) ?? '')).toEqual(state);
    expect(loadSnapshot(localStorage, NOW)).toEqual({ state, persistent: true });
    expect(localStorage.getItem('candor:probe')).toBeNull();
  });

  it('starts empty but persistent when nothing is stored', () => {
    expect(loadSnapshot(localStorage, NOW)).toEqual({ state: null, persistent: true });
  });

  it('migrates an older snapshot found under the key', () => {
    localStorage.setItem(SNAPSHOT_KEY, JSON.stringify({ v: 0, id: 'legacy-id', created: 5, assignments: {} }));
    expect(loadSnapshot(localStorage, NOW).state).toMatchObject({ v: 1, visitorId: 'legacy-id', idSource: 'local' });
  });

  it.each([
    ['bad JSON', '{"v":1,"visitorId":'],
    ['wrong types', JSON.stringify({ v: '1', visitorId: ['x'], idSource: 'local' })],
    ['foreign data', JSON.stringify({ theme: 'dark' })],
  ])('discards %s and says so', (_name, raw) => {
    localStorage.setItem(SNAPSHOT_KEY, raw);
    const loaded = loadSnapshot(localStorage, NOW);
    expect(loaded.state).toBeNull();
    expect(loaded.persistent).toBe(true);
    expect(loaded.error).toMatch(/discarded/);
  });

  it('SecurityError (sandboxed iframe, disabled storage) gives a non-persistent load, not an exception', () => {
    const loaded = loadSnapshot(throwingStorage('SecurityError', 'all'), NOW);
    expect(loaded).toMatchObject({ state: null, persistent: false });
    expect(loaded.error).toMatch(/SecurityError/);
    expect(saveSnapshot(throwingStorage('SecurityError', 'all'), sampleState())).toBe(false);
  });

  it('a storage that reads but refuses writes (quota, old private mode) is not persistent', () => {
    const loaded = loadSnapshot(throwingStorage('QuotaExceededError', 'write'), NOW);
    expect(loaded).toMatchObject({ state: null, persistent: false });
    expect(loaded.error).toMatch(/QuotaExceededError/);
    expect(saveSnapshot(throwingStorage('QuotaExceededError', 'write'), sampleState())).toBe(false);
  });

  it('no storage at all', () => {
    expect(loadSnapshot(undefined, NOW)).toMatchObject({ state: null, persistent: false });
    expect(saveSnapshot(undefined, sampleState())).toBe(false);
  });

  it('stays small even when every bounded part is full', () => {
    const long = (i: number) => `/${'x'.repeat(190)}${i}`;
    const sections = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`s${i}`.padEnd(60, 's'), '/']));
    let memory = sampleState().memory;
    for (let i = 0; i < 30; i++) memory = recordPageView(memory, { url: 'https://example.com' + long(i) + '?utm_campaign=' + 'c'.repeat(300), referrer: '', sections }, NOW + i);
    for (let i = 0; i < 60; i++) memory = recordGoal(memory, `goal-${i}`.padEnd(64, 'g'), NOW);
    for (let i = 0; i < 60; i++) memory = recordInterest(memory, `topic-${i}`.padEnd(64, 't'), 1, NOW);
    memory.declared = Object.fromEntries(Array.from({ length: LIMITS.keys }, (_, i) => [`key${i}`, 'v'.repeat(LIMITS.text)]));
    const a: StickyAssignment = { version: 'v', shares: 's', tier: 'high', arm: 'targeted', experience: 'e'.repeat(40), counterfactual: 'e'.repeat(40), propensity: 0.5, audiences: ['a'.repeat(40)], eligible: ['e'.repeat(40)], decisionId: 'd'.repeat(32) };
    const state: VisitorState = { ...sampleState(), memory, assignments: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`slot${i}`, a])) };
    expect(saveSnapshot(localStorage, state)).toBe(true);
    const size = localStorage.getItem(SNAPSHOT_KEY)?.length ?? 0;
    expect(size).toBeLessThan(40_000);
  });
});
