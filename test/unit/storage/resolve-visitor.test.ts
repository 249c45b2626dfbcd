import { describe, expect, it } from 'vitest';
import { resolveVisitor } from '../../../src/storage/resolve-visitor.js';
import { newVisitorId } from '../../../src/storage/visitor-id.js';
import type { StickyAssignment } from '../../../src/core/types.js';
import { sampleState } from './state-fixture.js';

const NOW = Date.UTC(2026, 0, 5);
const assignment = { version: '1', arm: 'explore', experience: 'x' } as StickyAssignment;

describe('newVisitorId', () => {
  it('is 128 random bits in hex, from the injected random source only', () => {
    const fixed = <T extends ArrayBufferView | null>(a: T): T => {
      if (a) new Uint8Array(a.buffer).fill(0xab);
      return a;
    };
    const id = newVisitorId({ getRandomValues: fixed });
    expect(id).toBe('ab'.repeat(16));
    const ids = new Set(Array.from({ length: 100 }, () => newVisitorId(crypto)));
    expect(ids.size).toBe(100);
    for (const x of ids) expect(x).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('resolveVisitor', () => {
  it('creates a fresh local visitor when nothing is stored', () => {
    const state = resolveVisitor(null, undefined, crypto, NOW);
    expect(state).toMatchObject({ v: 1, idSource: 'local', created: NOW, assignments: {} });
    expect(state.visitorId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps the stored visitor when the site gives no id', () => {
    const stored = { ...sampleState(), assignments: { hero: assignment } };
    expect(resolveVisitor(stored, undefined, crypto, NOW)).toBe(stored);
  });

  it('uses the site id, keeping the state while it stays the same', () => {
    const first = resolveVisitor(null, 'crm-42', crypto, NOW);
    expect(first).toMatchObject({ visitorId: 'crm-42', idSource: 'site' });
    first.assignments.hero = assignment;
    expect(resolveVisitor(first, 'crm-42', crypto, NOW + 1)).toBe(first);
  });

  it('a different site id starts a fresh state (re-decided), keeping the visitor’s own choices', () => {
    const stored = { ...resolveVisitor(null, 'crm-42', crypto, NOW), consent: 'low' as const, standard: true };
    stored.assignments.hero = assignment;
    stored.memory.declared.role = 'dev';
    const next = resolveVisitor(stored, 'crm-99', crypto, NOW + 1);
    expect(next).toMatchObject({ visitorId: 'crm-99', idSource: 'site', created: NOW + 1, assignments: {}, consent: 'low', standard: true });
    expect(next.memory.declared).toEqual({});
  });

  it('a site id replaces a local id the same way', () => {
    const local = { ...sampleState(), assignments: { hero: assignment } };
    expect(resolveVisitor(local, local.visitorId, crypto, NOW)).toMatchObject({ idSource: 'site', assignments: {} });
  });

  it('ignores an empty or oversized site id', () => {
    const stored = sampleState();
    expect(resolveVisitor(stored, '', crypto, NOW)).toBe(stored);
    expect(resolveVisitor(stored, 'x'.repeat(129), crypto, NOW)).toBe(stored);
  });
});
