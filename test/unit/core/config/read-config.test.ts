import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readConfig } from '../../../../src/core/config/read-config.js';
import { validateConfig } from '../../../../src/core/config/validate-config.js';
import { simulationConfig } from '../../../../src/simulate/simulation-config.js';
import { seededRandom } from '../../../../src/simulate/prng.js';

const example = JSON.parse(readFileSync('examples/marketing-site/candor.config.json', 'utf8')) as Record<string, unknown>;

const small = () => ({
  v: 1,
  version: '1',
  salt: 's',
  sections: { docs: '/docs' },
  declare: ['role', 'role'],
  consent: { default: 'high', withGpc: 'low', ask: true },
  goals: { thanks: { path: '/thanks' } },
  privacyUrl: '/privacy',
  ask: { key: 'team', question: 'Which?', options: ['a', ['b', 'B']], segments: { a: ['health'] } },
  audiences: {
    health: { when: { 'utm.campaign': { $regex: '^health' } }, reason: { en: 'Campaign.', de: 'Kampagne.' }, label: 'Health' },
    dev: { when: { 'pages.docs': { $gte: 2 } }, reason: 'Docs.', tier: 'high' },
    role: { when: { 'declared.role': { $in: ['dev'] } }, reason: 'You told us.', shadow: true },
  },
  slots: {
    hero: { control: 0.2, explore: 0, experiences: [{ id: 'a', audience: 'health', changes: [{ selector: 'h1', text: 'Hi' }] }, { id: 'b', audience: 'dev' }] },
    cta: { independent: true, experiences: [{ id: 'c', audience: 'dev', eligible: { 'locale.language': 'en' } }] },
  },
});

describe('readConfig (the script tag first pass)', () => {
  it.each([
    ['the example site config', example],
    ['a config using every part', small()],
    ['the simulator config', simulationConfig()],
  ])('reads %s exactly as validation resolves it', (_name, input) => {
    const validated = validateConfig(input);
    expect(validated.errors).toEqual([]);
    expect(readConfig(input)).toEqual(validated.config);
  });

  it.each([
    ['not an object', []],
    ['another format', { ...small(), v: 2 }],
    ['no salt', { ...small(), salt: ' ' }],
    ['a share above 1', { ...small(), holdout: 5 }],
    ['control and explore leaving nobody to target', { ...small(), slots: { hero: { control: 0.6, explore: 0.4, experiences: [] } } }],
    ['an unknown audience', { ...small(), slots: { hero: { experiences: [{ id: 'x', audience: 'nobody' }] } } }],
    ['a shadow audience delivering', { ...small(), slots: { hero: { experiences: [{ id: 'x', audience: 'role' }] } } }],
    ['an audience named like a built-in', { ...small(), audiences: { constructor: { when: {}, reason: 'r' } } }],
    ['a tier looser than the rule reads', { ...small(), audiences: { dev: { when: { 'interest.api': { $gt: 1 } }, reason: 'r', tier: 'low' } } }],
    ['a duplicate experience id', { ...small(), slots: { a: { experiences: [{ id: 'x', audience: 'dev' }] }, b: { experiences: [{ id: 'x', audience: 'dev' }] } } }],
    ['an experience called baseline', { ...small(), slots: { a: { experiences: [{ id: 'baseline', audience: 'dev' }] } } }],
    ['GPC looser than the default', { ...small(), consent: { default: 'low', withGpc: 'high' } }],
    ['coherent slots with different explore shares', { ...small(), slots: { a: { explore: 0.1, experiences: [] }, b: { explore: 0.2, experiences: [] } } }],
    ['a getter that throws', Object.defineProperty(small(), 'slots', { enumerable: true, get: () => { throw new Error('no'); } })],
  ])('gives up (null) on %s, which validation reports', (_name, input) => {
    expect(readConfig(input)).toBeNull();
    expect(validateConfig(input).errors.length).toBeGreaterThan(0);
  });

  it('over 5,000 damaged configs, it gives up only when validation reports a problem, and what it reads equals the validated config unless validation reports one', () => {
    const random = seededRandom(77);
    const junk: unknown[] = [null, 0, -1, 2, NaN, 'x', '', true, [], {}, { $nope: 1 }, 'constructor'];
    let read = 0;
    let readWithProblems = 0;
    for (let i = 0; i < 5000; i++) {
      const input = small() as unknown as Record<string, unknown>;
      let target = input;
      for (let depth = 0; depth < 4; depth++) {
        const keys = Object.keys(target);
        const key = keys[Math.floor(random() * keys.length)];
        if (key === undefined) break;
        const child = target[key];
        if (random() < 0.4 || typeof child !== 'object' || child === null) {
          target[key] = junk[Math.floor(random() * junk.length)];
          break;
        }
        target = child as Record<string, unknown>;
      }
      const config = readConfig(input);
      // A config it gives up on must be one validation rejects: otherwise the script tag would never personalize it.
      if (!config) {
        expect(validateConfig(input).errors.length).toBeGreaterThan(0);
        continue;
      }
      read++;
      const validated = validateConfig(input);
      if (validated.errors.length) readWithProblems++;
      else expect(config).toEqual(validated.config);
    }
    // Both kinds happen, so both branches are exercised.
    expect(read).toBeGreaterThan(500);
    expect(readWithProblems).toBeGreaterThan(50);
  });
});
