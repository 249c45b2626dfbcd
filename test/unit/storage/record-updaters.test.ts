import { describe, expect, it } from 'vitest';
import { recordGoal } from '../../../src/storage/record-goal.js';
import { decayedInterest, INTEREST_HALF_LIFE, recordInterest } from '../../../src/storage/record-interest.js';
import { recordEngagement } from '../../../src/storage/record-engagement.js';
import { emptyMemory } from '../../../src/storage/visitor-state.js';

const T0 = Date.UTC(2026, 0, 5);

describe('recordGoal', () => {
  it('counts goals and caps the number of goal names at 50', () => {
    let m = emptyMemory();
    for (let i = 0; i < 60; i++) m = recordGoal(m, `g${i}`, T0);
    m = recordGoal(m, 'g0', T0 + 1);
    expect(Object.keys(m.goals)).toHaveLength(50);
    expect(m.goals.g0).toBe(2);
    expect(m.goals.g55).toBeUndefined();
    expect(m.visits.lastActivity).toBe(T0 + 1);
  });
});

describe('recordInterest', () => {
  it('adds to the decayed score', () => {
    let m = recordInterest(emptyMemory(), 'pricing', 4, T0);
    m = recordInterest(m, 'pricing', 1, T0 + INTEREST_HALF_LIFE);
    expect(m.interest.pricing).toEqual({ score: 3, at: T0 + INTEREST_HALF_LIFE });
    expect(decayedInterest({ score: 3, at: T0 }, T0 + 2 * INTEREST_HALF_LIFE)).toBe(0.75);
  });

  it('keeps at most 50 topics, dropping the weakest after decay', () => {
    let m = recordInterest(emptyMemory(), 'old-but-strong', 10, T0 - 10 * INTEREST_HALF_LIFE); // ≈ 0.01 today
    for (let i = 0; i < 49; i++) m = recordInterest(m, `t${i}`, 1, T0);
    m = recordInterest(m, 'new', 0.5, T0);
    expect(Object.keys(m.interest)).toHaveLength(50);
    expect(m.interest['old-but-strong']).toBeUndefined();
    expect(m.interest.new).toBeDefined();
  });

  it('ignores zero, negative or NaN weights and clamps huge ones', () => {
    const m = emptyMemory();
    expect(recordInterest(m, 'x', 0, T0)).toBe(m);
    expect(recordInterest(m, 'x', -5, T0)).toBe(m);
    expect(recordInterest(m, 'x', Number.NaN, T0)).toBe(m);
    expect(recordInterest(m, 'x', 1e9, T0).interest.x?.score).toBe(10);
  });
});

describe('recordEngagement', () => {
  it('keeps the deepest scroll and adds active seconds, clamping nonsense', () => {
    let m = recordEngagement(emptyMemory(), { scrollDepth: 55.4, activeSeconds: 20 }, T0);
    m = recordEngagement(m, { scrollDepth: 30, activeSeconds: 5 }, T0);
    m = recordEngagement(m, { scrollDepth: 400, activeSeconds: -50 }, T0);
    m = recordEngagement(m, { activeSeconds: 1e9 }, T0 + 5);
    expect(m.engagement).toEqual({ scrollDepth: 100, activeSeconds: 25 + 1800 });
    expect(m.visits.lastActivity).toBe(T0 + 5);
  });
});
