import { describe, expect, it, vi } from 'vitest';
import { readSignals } from '../../../src/signals/read-signals.js';
import { DEFAULT_READERS } from '../../../src/signals/default-readers.js';
import type { SignalReader } from '../../../src/signals/signal-reader.js';
import { signalSpec, signalType, SIGNAL_CATALOG } from '../../../src/core/signals/signal-catalog.js';
import { recordPageView } from '../../../src/storage/record-page-view.js';
import { recordGoal } from '../../../src/storage/record-goal.js';
import { recordInterest } from '../../../src/storage/record-interest.js';
import { recordEngagement } from '../../../src/storage/record-engagement.js';
import { emptyMemory } from '../../../src/storage/visitor-state.js';
import type { Tier } from '../../../src/core/types.js';
import { makeEnv, MONDAY_NOON_UTC, UA } from './make-env.js';

const reader = (name: string, tier: Tier, read: SignalReader['read']): SignalReader => ({ name, tier, read });

/** An environment where every reader has something to say. */
function fullEnv() {
  const url = 'https://example.com/docs/start?utm_source=linkedin&utm_medium=social&utm_campaign=k8s&utm_term=t&utm_content=c';
  // A returning visitor: one visit 40 days ago, this one now.
  let memory = recordPageView(emptyMemory(), { url: 'https://example.com/', referrer: '', sections: {} }, MONDAY_NOON_UTC - 40 * 864e5);
  memory = recordPageView(memory, { url, referrer: 'https://www.linkedin.com/', sections: { docs: '/docs/' } }, MONDAY_NOON_UTC);
  memory = recordGoal(memory, 'signup', MONDAY_NOON_UTC);
  memory = recordInterest(memory, 'kubernetes', 1, MONDAY_NOON_UTC);
  memory = recordEngagement(memory, { scrollDepth: 50, activeSeconds: 10 }, MONDAY_NOON_UTC);
  memory.declared.role = 'developer';
  return makeEnv({
    url,
    referrer: 'https://www.linkedin.com/',
    language: 'en-GB',
    languages: ['en-GB', 'en'],
    userAgent: UA.iPhone,
    maxTouchPoints: 5,
    viewportWidth: 390,
    timeZone: 'Europe/London',
    timezoneOffsetMinutes: 0,
    reducedMotion: false,
    saveData: false,
    memory,
    sections: { docs: '/docs/' },
    declareKeys: ['role'],
  });
}

describe('readSignals', () => {
  it('a throwing reader yields nothing and never breaks the others', () => {
    const signals = readSignals(
      [
        reader('a', 'low', () => ({ 'url.host': 'example.com' })),
        reader('boom', 'low', () => {
          throw new TypeError('navigator.userAgentData is undefined');
        }),
        reader('b', 'low', () => ({ 'url.path': '/' })),
      ],
      makeEnv(),
      'high',
    );
    expect(signals).toEqual({ 'url.host': 'example.com', 'url.path': '/' });
  });

  it('does not call readers above the consent cap', () => {
    const relationship = vi.fn(() => ({ 'visit.count': 3 }));
    const high = vi.fn(() => ({ 'engagement.scrollDepth': 90 }));
    const readers = [reader('low', 'low', () => ({ 'url.path': '/' })), reader('rel', 'relationship', relationship), reader('high', 'high', high)];
    expect(readSignals(readers, makeEnv(), 'low')).toEqual({ 'url.path': '/' });
    expect(relationship).not.toHaveBeenCalled();
    expect(high).not.toHaveBeenCalled();
    expect(readSignals(readers, makeEnv(), 'relationship')).toEqual({ 'url.path': '/', 'visit.count': 3 });
    expect(high).not.toHaveBeenCalled();
  });

  it('leaves out undefined values', () => {
    expect(readSignals([reader('a', 'low', () => ({ 'locale.language': undefined }))], makeEnv(), 'high')).toEqual({});
  });

  it('the default readers produce every catalog signal, each with the tier the catalog gives it', () => {
    const signals = readSignals(DEFAULT_READERS, fullEnv(), 'high');
    for (const name of Object.keys(signals)) {
      const spec = signalSpec(name);
      expect(spec, name).toBeDefined();
      const producer = DEFAULT_READERS.find((r) => r.read(fullEnv())[name] !== undefined);
      expect(producer?.tier, name).toBe(spec?.tier);
    }
    const families = SIGNAL_CATALOG.map((s) => s.name);
    const covered = families.filter((f) => Object.keys(signals).some((n) => (f.endsWith('.*') ? n.startsWith(f.slice(0, -1)) : n === f)));
    expect(covered).toEqual(families);
  });

  it('every signal holds the kind of value the catalog says (what candor check compares operands with)', () => {
    const signals = readSignals(DEFAULT_READERS, fullEnv(), 'high');
    const kind = (v: unknown) => (Array.isArray(v) ? (v.every((x) => typeof x === 'string') ? 'list' : 'mixed list') : typeof v);
    for (const [name, value] of Object.entries(signals)) expect(kind(value), name).toBe(signalType(name));
  });

  it('at the low cap no remembered or inferred signal appears', () => {
    const names = Object.keys(readSignals(DEFAULT_READERS, fullEnv(), 'low'));
    expect(names.every((n) => signalSpec(n)?.tier === 'low')).toBe(true);
    expect(names).toContain('utm.campaign');
    expect(names).toContain('session.pageviews');
  });
});
