import { expect, it } from 'vitest';
import { validateConfig } from '../../../src/core/config/validate-config.js';
import { decide } from '../../../src/core/decide/decide.js';
import { explain } from '../../../src/core/explain/explain.js';
import type { Signals, Tier, ValidConfig } from '../../../src/core/types.js';
import { seededRandom } from '../../../src/simulate/prng.js';

const random = seededRandom(424242);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const JUNK: unknown[] = [null, undefined, 0, -1, 2, NaN, 'x', '', true, [], {}, [1, 'a'], { $regex: '(' }, { $nope: 1 }, '__proto__'];

const valid = () => ({
  v: 1,
  version: '1',
  salt: 's',
  holdout: 0.05,
  sections: { docs: '/docs' },
  declare: ['role'],
  audiences: {
    health: { when: { 'utm.campaign': { $regex: '^health' } }, reason: 'Campaign.' },
    dev: { when: { 'pages.docs': { $gte: 2 } }, reason: 'Docs.' },
    role: { when: { 'declared.role': { $in: ['dev'] } }, reason: 'You told us.', shadow: true },
  },
  slots: {
    hero: { control: 0.1, explore: 0.1, experiences: [{ id: 'a', audience: 'health' }, { id: 'b', audience: 'dev' }] },
    cta: { experiences: [{ id: 'c', audience: 'dev', eligible: { 'locale.language': 'en' } }] },
  },
});

/** Replaces a random node of the config with junk, a few times. */
function damage(node: Record<string, unknown>, times: number): void {
  for (let i = 0; i < times; i++) {
    let target: Record<string, unknown> = node;
    for (let depth = 0; depth < 4; depth++) {
      const keys = Object.keys(target);
      if (keys.length === 0) break;
      const key = pick(keys);
      const child = target[key];
      if (random() < 0.4 || typeof child !== 'object' || child === null) {
        target[key] = pick(JUNK);
        break;
      }
      target = child as Record<string, unknown>;
    }
  }
}

const signalJunk = (): Signals => ({
  'utm.campaign': pick(['health-q4', 'x', 7 as unknown as string, null, undefined]),
  'pages.docs': pick([0, 3, '3', null, undefined]),
  'declared.role': pick(['dev', ['dev'], undefined]),
  'locale.language': pick(['en', 'de', undefined]),
});

it('10,000 damaged configs and signal snapshots never make validation, decision or explanation throw, and only known experiences are shown', () => {
  let decided = 0;
  let hopeless = 0;
  for (let i = 0; i < 10_000; i++) {
    const input = valid();
    damage(input, 1 + Math.floor(random() * 3));
    const { config } = validateConfig(input);
    if (!config) {
      // The null config validation gives for hopeless input: decide and explain both give the standard content.
      hopeless++;
      const decision = decide({ config: config as unknown as ValidConfig, slot: 'hero', visitorId: `v${i}`, signals: signalJunk(), consent: { tier: 'low', gpc: false } });
      expect(decision.experience).toBe('baseline');
      const e = explain(decision, config, undefined, { signals: signalJunk(), lang: 'de' });
      expect(e).toMatchObject({ experience: 'baseline', reason: 'invalid-config', summary: 'You see the standard page.' });
      continue;
    }
    for (const slot of ['hero', 'cta', 'nope', '__proto__']) {
      const tier = pick<Tier>(['low', 'relationship', 'high']);
      const decision = decide({ config, slot, visitorId: `v${i}`, signals: signalJunk(), consent: { tier, gpc: random() < 0.2 } });
      const known = Object.hasOwn(config.slots, slot) ? (config.slots[slot]?.experiences.map((e) => e.id) ?? []) : [];
      expect(['baseline', ...known]).toContain(decision.experience);
      if (!Object.hasOwn(config.slots, slot)) expect(decision.experience).toBe('baseline');
      expect(typeof explain(decision, config).summary).toBe('string');
      expect(typeof explain(decision, config, undefined, { signals: signalJunk(), lang: pick(['de', 'en-GB', '', undefined]), personalized: random() < 0.5 }).summary).toBe('string');
      decided++;
    }
  }
  expect(decided).toBeGreaterThan(10_000);
  expect(hopeless).toBeGreaterThan(100);
});
