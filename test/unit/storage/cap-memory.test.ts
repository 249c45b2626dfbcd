import { describe, expect, it } from 'vitest';
import { capMemory } from '../../../src/storage/cap-memory.js';
import { recordPageView } from '../../../src/storage/record-page-view.js';
import { recordGoal } from '../../../src/storage/record-goal.js';
import { recordInterest } from '../../../src/storage/record-interest.js';
import { recordEngagement } from '../../../src/storage/record-engagement.js';
import { emptyMemory } from '../../../src/storage/visitor-state.js';

const T0 = Date.UTC(2026, 0, 5);

function rich() {
  let m = recordPageView(emptyMemory(), { url: 'https://example.com/docs/a?utm_campaign=q1', referrer: '', sections: { docs: '/docs/' } }, T0);
  m = recordGoal(m, 'signup', T0);
  m = recordInterest(m, 'k8s', 1, T0);
  m = recordEngagement(m, { scrollDepth: 70, activeSeconds: 40 }, T0);
  return { ...m, declared: { role: 'dev' } };
}

describe('capMemory', () => {
  it('keeps everything at high', () => {
    expect(capMemory(rich(), 'high')).toEqual(rich());
  });

  it('drops inferred data at relationship', () => {
    const m = capMemory(rich(), 'relationship');
    expect(m.interest).toEqual({});
    expect(m.engagement).toEqual({ scrollDepth: 0, activeSeconds: 0 });
    expect(m.pages).toEqual({ docs: 1 });
    expect(m.goals).toEqual({ signup: 1 });
    expect(m.declared).toEqual({ role: 'dev' });
  });

  it('keeps only the current session at low', () => {
    const before = rich();
    const m = capMemory(before, 'low');
    expect(m).toEqual({ ...emptyMemory(), session: before.session, visits: { ...emptyMemory().visits, lastActivity: T0 } });
    // Nothing of the relationship tier survives in what would be saved.
    const saved = JSON.stringify(m);
    for (const text of ['signup', 'role', 'docs"', 'k8s']) expect(saved).not.toContain(text);
  });

  it('the session still ends after 30 minutes at low (its last activity is kept)', () => {
    const m = capMemory(rich(), 'low');
    const next = recordPageView(m, { url: 'https://example.com/', referrer: '', sections: {} }, T0 + 31 * 60_000);
    expect(next.session.start).toBe(T0 + 31 * 60_000);
  });
});
