import { describe, expect, it } from 'vitest';
import { conditionSignals } from '../../../../src/core/conditions/condition-signals.js';
import type { Condition } from '../../../../src/core/types.js';

describe('conditionSignals', () => {
  it('lists field keys in order of first appearance, without duplicates', () => {
    expect(conditionSignals({ 'utm.campaign': { $regex: '^a' }, 'pages.docs': { $gte: 2 } })).toEqual(['utm.campaign', 'pages.docs']);
  });
  it('follows $and, $or and $nor, and keeps the first appearance', () => {
    const c = {
      'visit.returning': true,
      $or: [{ 'utm.source': 'a' }, { $and: [{ 'pages.docs': 1 }, { 'visit.returning': false }] }],
      $nor: [{ 'interest.k8s': { $gt: 0.5 } }, { 'utm.source': 'b' }],
    };
    expect(conditionSignals(c)).toEqual(['visit.returning', 'utm.source', 'pages.docs', 'interest.k8s']);
  });
  it('does not take operators inside $not or $elemMatch for signals', () => {
    expect(conditionSignals({ 'locale.languages': { $elemMatch: { $regex: '^en' } }, 'utm.term': { $not: { $exists: true } } })).toEqual([
      'locale.languages',
      'utm.term',
    ]);
  });
  it('returns [] for junk and keeps what it found before a throwing getter', () => {
    expect(conditionSignals(null as unknown as Condition)).toEqual([]);
    expect(conditionSignals([{ a: 1 }] as unknown as Condition)).toEqual([]);
    const c = { 'utm.source': 'a' } as Record<string, unknown>;
    Object.defineProperty(c, '$or', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(conditionSignals(c)).toEqual(['utm.source']);
    const cyclic: Record<string, unknown> = { 'utm.source': 1 };
    cyclic.$and = [cyclic];
    expect(conditionSignals(cyclic)).toEqual(['utm.source']);
  });
});
