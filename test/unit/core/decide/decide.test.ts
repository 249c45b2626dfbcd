import { describe, expect, it } from 'vitest';
import {
  decide,
  decideReasonIsCounted,
  sharesKey,
  stickyMismatch,
  toSticky,
  type DecideInput,
} from '../../../../src/core/decide/decide.js';
import { HASH_VERSION, hash } from '../../../../src/core/decide/hash.js';
import { BASELINE, type Arm, type Decision, type Signals, type Tier, type ValidConfig } from '../../../../src/core/types.js';
import { goodnessOfFit } from './chi-square.js';
import { EVERYTHING, consent, makeConfig } from './fixtures.js';

const input = (over: Partial<DecideInput> = {}): DecideInput => ({
  config: makeConfig(),
  slot: 'hero',
  visitorId: 'visitor-1',
  signals: EVERYTHING,
  consent: consent('high'),
  ...over,
});

/** The first visitor (visitor-0, visitor-1, …) whose decision passes `test`. */
function findVisitor(base: Omit<DecideInput, 'visitorId'>, test: (d: Decision) => boolean): { id: string; d: Decision } {
  for (let i = 0; i < 100_000; i++) {
    const id = `visitor-${i}`;
    const d = decide({ ...base, visitorId: id });
    if (test(d)) return { id, d };
  }
  throw new Error('no visitor found');
}
const inArm = (arm: Arm) => (d: Decision) => d.arm === arm;

/**
 * The exact probability of each action of a slot for one context, by enumerating the design as docs/assignment.md
 * states it (written independently of decide): holdout h → standard content; else, in a coherent slot, explore ε →
 * one of the explorable audiences or none, each equally likely, showing that audience's first eligible experience in
 * the slot; else control c/(1 − ε) → standard content; else targeted → the first eligible, matching, non-shadow,
 * allowed experience. An independent slot: the same over its own audiences only.
 */
function enumeratePropensities(config: ValidConfig, slot: string, signals: Signals, tier: Tier): Map<string, number> {
  const s = config.slots[slot];
  if (!s) throw new Error(`no slot ${slot}`);
  const matches = (id: string): boolean => {
    const a = config.audiences[id];
    if (!a || a.shadow) return false;
    if (['low', 'relationship', 'high'].indexOf(a.tier) > ['low', 'relationship', 'high'].indexOf(tier)) return false;
    return decide({ config: { ...config, slots: { probe: { control: 0, explore: 0, independent: true, experiences: [{ id: 'probe', audience: id }] } } }, slot: 'probe', visitorId: 'v', signals, consent: consent(tier) }).counterfactual === 'probe';
  };
  const eligible = (id: string): boolean => decide({ config, slot, visitorId: 'v', signals, consent: consent(tier) }).eligible.includes(id);
  const target = s.experiences.find((e) => eligible(e.id) && matches(e.audience))?.id ?? BASELINE;
  const p = new Map<string, number>([[BASELINE, 0], ...s.experiences.map((e): [string, number] => [e.id, 0])]);
  const add = (action: string, q: number): void => void p.set(action, (p.get(action) ?? 0) + q);
  add(BASELINE, config.holdout);
  const rest = 1 - config.holdout;
  const coherent = Object.values(config.slots).filter((x) => !x.independent);
  const explorable = s.independent
    ? [...new Set(s.experiences.map((e) => e.audience))].filter((id) => !config.audiences[id]?.shadow)
    : Object.keys(config.audiences).filter((id) => !config.audiences[id]?.shadow && coherent.some((x) => x.experiences.some((e) => e.audience === id)));
  for (const a of [...explorable, undefined]) {
    const shown = s.experiences.find((e) => e.audience === a && eligible(e.id))?.id ?? BASELINE;
    add(shown, (rest * s.explore) / (explorable.length + 1));
  }
  add(BASELINE, rest * (1 - s.explore) * (s.control / (1 - s.explore)));
  add(target, rest * (1 - s.explore) * (1 - s.control / (1 - s.explore)));
  return p;
}

// Shares of the fixture's hero slot, and the propensities for a visitor matching everything at the `high` cap:
// exploration draws one of the 3 explorable audiences (ai-curious, healthcare, developers; large-company is shadow)
// or none, so each of hero-ai, hero-health, hero-dev and the standard content has ε/4; π0 = hero-ai.
const h = 0.05;
const c = 0.1;
const eps = 0.1;
const P_TARGET = (1 - h) * (eps / 4 + (1 - c - eps));
const P_BASELINE = h + (1 - h) * (c + eps / 4);
const P_OTHER = (1 - h) * (eps / 4);

describe('decide: fallbacks', () => {
  it('shows the standard content for an unknown slot, not counted', () => {
    for (const slot of ['nope', 'constructor', 'toString', '__proto__']) {
      const d = decide(input({ slot }));
      expect(d).toMatchObject({ slot, experience: BASELINE, reason: 'unknown-slot', sticky: false, signals: [] });
      expect(decideReasonIsCounted(d)).toBe(false);
    }
  });

  it('shows the standard content without a visitor id', () => {
    const d = decide(input({ visitorId: '' }));
    expect(d).toMatchObject({ experience: BASELINE, reason: 'no-visitor-id' });
    expect(decideReasonIsCounted(d)).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    const junk: unknown[] = [
      null,
      undefined,
      {},
      { config: null, slot: 'hero', visitorId: 'v', signals: {}, consent: consent('low') },
      { ...input(), signals: null },
      { ...input(), consent: null },
      { ...input(), visitorId: 42 },
      { ...input(), config: { ...makeConfig(), slots: null } },
      { ...input(), config: { ...makeConfig(), audiences: null } },
      { ...input(), config: { ...makeConfig(), slots: { hero: { control: 0.1, explore: 0.1, experiences: null } } } },
      { ...input(), config: { ...makeConfig(), audiences: { 'ai-curious': null } } },
      { ...input(), sticky: { version: '2026-11-22.1', shares: 'acme-q4|0.05/0.1/0.1', tier: 'high', arm: 'nope', audiences: null } },
    ];
    for (const value of junk) {
      let d: Decision | undefined;
      expect(() => (d = decide(value as DecideInput))).not.toThrow();
      expect(typeof d?.experience).toBe('string');
    }
    expect(decide(null as unknown as DecideInput)).toMatchObject({ experience: BASELINE, reason: 'invalid-config' });
  });

  it('never throws on 2,000 randomly damaged configs, and shows only what the config offers', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const junk = [null, undefined, 0, -1, 2, NaN, '', 'x', true, [], {}, [null], { $gt: {} }];
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    for (let n = 0; n < 2000; n++) {
      const config = makeConfig() as unknown as Record<string, unknown>;
      const hero = (config.slots as Record<string, Record<string, unknown>>).hero ?? {};
      const experiences = hero.experiences as Record<string, unknown>[];
      const audiences = config.audiences as Record<string, Record<string, unknown>>;
      const targets: [Record<string, unknown> | undefined, string][] = [
        [config, 'holdout'], [config, 'salt'], [config, 'version'], [hero, 'control'], [hero, 'explore'],
        [experiences[0], 'id'], [experiences[1], 'eligible'], [experiences[2], 'audience'],
        [audiences.healthcare, 'when'], [audiences.developers, 'tier'], [audiences.developers, 'signals'],
      ];
      for (let k = 0; k < 3; k++) {
        const [target, key] = pick(targets);
        if (target) target[key] = pick(junk);
      }
      const offered = new Set([BASELINE, ...experiences.map((e) => e.id)]);
      let d: Decision | undefined;
      expect(() => (d = decide({ ...input(), config: config as unknown as ValidConfig, visitorId: `v${n}` }))).not.toThrow();
      expect(offered.has(d?.experience)).toBe(true);
    }
  });
});

describe('decide: arms', () => {
  const base = { config: makeConfig(), slot: 'hero', signals: EVERYTHING, consent: consent('high') };

  it('global holdout: the standard content in every slot, counterfactual still logged, no signals', () => {
    const { id, d } = findVisitor(base, inArm('holdout'));
    expect(hash('acme-q4:holdout', id)).toBeLessThan(0.05);
    expect(d).toMatchObject({
      experience: BASELINE,
      reason: 'global-holdout',
      counterfactual: 'hero-ai',
      audience: undefined,
      signals: [],
      audiences: ['ai-curious', 'healthcare', 'developers', 'large-company'],
      eligible: ['hero-ai', 'hero-health', 'hero-dev', 'hero-big'],
      configVersion: '2026-11-22.1',
      salt: 'acme-q4',
      hashVersion: HASH_VERSION,
      sticky: false,
    });
    expect(d.propensity).toBeCloseTo(P_BASELINE, 12);
    const pricing = decide({ ...base, slot: 'pricing', visitorId: id });
    expect(pricing).toMatchObject({ arm: 'holdout', experience: BASELINE, reason: 'global-holdout', counterfactual: 'pricing-dev' });
    expect(decideReasonIsCounted(d)).toBe(true);
  });

  it('slot control: the standard content in this slot only', () => {
    const { d } = findVisitor(base, inArm('control'));
    expect(d).toMatchObject({ experience: BASELINE, reason: 'slot-control', counterfactual: 'hero-ai', audience: undefined, signals: [] });
    expect(d.propensity).toBeCloseTo(P_BASELINE, 12);
    expect(decideReasonIsCounted(d)).toBe(true);
  });

  it('explore: one randomly drawn audience\'s experience or the baseline, never with an audience or signals', () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const d = decide({ ...base, visitorId: `visitor-${i}` });
      if (d.arm !== 'explore') continue;
      expect(d).toMatchObject({ reason: 'explore-pick', audience: undefined, signals: [], counterfactual: 'hero-ai' });
      seen.set(d.experience, d.propensity);
    }
    // hero-big targets a shadow audience: exploration never draws it.
    expect([...seen.keys()].sort()).toEqual([BASELINE, 'hero-ai', 'hero-dev', 'hero-health']);
    expect(seen.get('hero-ai')).toBeCloseTo(P_TARGET, 12);
    expect(seen.get(BASELINE)).toBeCloseTo(P_BASELINE, 12);
    expect(seen.get('hero-dev')).toBeCloseTo(P_OTHER, 12);
  });

  it('targeted: the first matching experience, with every signal its rule read', () => {
    const { d } = findVisitor(base, inArm('targeted'));
    expect(d).toMatchObject({ experience: 'hero-ai', audience: 'ai-curious', reason: 'audience-match', counterfactual: 'hero-ai' });
    expect(d.signals).toEqual([{ name: 'interest.ai', value: 0.9, tier: 'high' }]);
    expect(d.propensity).toBeCloseTo(P_TARGET, 12);

    const dev = findVisitor({ ...base, signals: { 'pages.docs': 5, 'visit.returning': true, 'locale.languages': ['fr', 'en'] } }, inArm('targeted')).d;
    expect(dev).toMatchObject({ experience: 'hero-dev', audience: 'developers' });
    expect(dev.signals).toEqual([
      { name: 'pages.docs', value: 5, tier: 'relationship' },
      { name: 'visit.returning', value: true, tier: 'relationship' },
      { name: 'locale.languages', value: ['fr', 'en'], tier: 'low' },
    ]);
  });

  it('targeted without a match: the standard content, reason no-audience-match', () => {
    const { d } = findVisitor({ ...base, signals: {} }, inArm('targeted'));
    expect(d).toMatchObject({ experience: BASELINE, counterfactual: BASELINE, reason: 'no-audience-match', audience: undefined, audiences: [], signals: [] });
    expect(d.propensity).toBeCloseTo(h + (1 - h) * (c + eps / 4 + (1 - c - eps)), 12);
  });

  it('shadow audiences are logged but never deliver', () => {
    const signals: Signals = { 'declared.companySize': '1000+' };
    for (let i = 0; i < 3000; i++) {
      const d = decide({ ...base, signals, visitorId: `visitor-${i}` });
      expect(d.audiences).toEqual(['large-company']);
      expect(d.counterfactual).toBe(BASELINE);
      if (d.arm === 'targeted') expect(d).toMatchObject({ experience: BASELINE, reason: 'no-audience-match' });
    }
  });

  it('an experience the visitor is not eligible for is never shown, by targeting or exploration', () => {
    const signals: Signals = { 'utm.campaign': 'health-1', 'locale.language': 'en' };
    const shown = new Set<string>();
    const contexts = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const d = decide({ ...base, slot: 'pricing', signals, visitorId: `visitor-${i}` });
      contexts.add(JSON.stringify([d.eligible, d.audiences, d.counterfactual]));
      shown.add(d.experience);
    }
    expect([...contexts]).toEqual([JSON.stringify([['pricing-dev'], ['healthcare'], BASELINE])]);
    expect([...shown].sort()).toEqual([BASELINE, 'pricing-dev']);
    const de = findVisitor({ ...base, slot: 'pricing', signals: { ...signals, 'locale.language': 'de' } }, inArm('targeted')).d;
    expect(de).toMatchObject({ experience: 'pricing-de', audience: 'healthcare', eligible: ['pricing-de', 'pricing-dev'] });
  });

  it('a slot with no experiences always shows the standard content, with propensity 1', () => {
    for (let i = 0; i < 500; i++) {
      const d = decide({ ...base, slot: 'empty', visitorId: `visitor-${i}` });
      expect(d.experience).toBe(BASELINE);
      expect(d.propensity).toBeCloseTo(1, 12);
    }
  });

  it('forced (QA): the asked experience, propensity 1, never counted, even for a holdout visitor', () => {
    const { id } = findVisitor(base, inArm('holdout'));
    const d = decide({ ...base, visitorId: id, forced: 'hero-dev' });
    expect(d).toMatchObject({ experience: 'hero-dev', arm: 'targeted', reason: 'forced', forced: true, propensity: 1, audience: undefined, signals: [] });
    expect(decideReasonIsCounted(d)).toBe(false);
    expect(decide({ ...base, visitorId: id, forced: BASELINE })).toMatchObject({ experience: BASELINE, reason: 'forced' });
    // An id the slot does not have is ignored.
    expect(decide({ ...base, visitorId: id, forced: 'pricing-dev' })).toMatchObject({ arm: 'holdout', forced: false });
  });

  it('the decision id is pure, 64-bit hex, and differs by visitor, slot, version and tier', () => {
    const d = decide(input());
    expect(d.decisionId).toMatch(/^[0-9a-f]{16}$/);
    expect(decide(input())).toEqual(d);
    const other = [
      decide(input({ visitorId: 'visitor-2' })),
      decide(input({ slot: 'pricing' })),
      decide(input({ consent: consent('low') })),
      decide(input({ config: { ...makeConfig(), version: '2' } })),
    ].map((x) => x.decisionId);
    expect(new Set([d.decisionId, ...other]).size).toBe(5);
  });
});

describe('decide: propensities and shares', () => {
  const contexts: [string, string, Signals, Tier][] = [
    ['hero, matches everything, high cap', 'hero', EVERYTHING, 'high'],
    ['hero, matches everything, relationship cap', 'hero', EVERYTHING, 'relationship'],
    ['hero, matches nothing', 'hero', {}, 'high'],
    ['pricing, one experience not eligible', 'pricing', { 'utm.campaign': 'health', 'locale.language': 'en', 'pages.docs': 4, 'visit.returning': true, 'locale.languages': 'en' }, 'low'],
    ['independent, one experience not eligible', 'solo', { 'utm.campaign': 'health', 'locale.language': 'en', 'pages.docs': 4, 'visit.returning': true, 'locale.languages': 'en' }, 'relationship'],
  ];

  it.each(contexts)('%s: propensities over the possible actions sum to 1 and match 100k visitors', (_, slot, signals, tier) => {
    const config = makeConfig();
    const slotConfig = config.slots[slot];
    if (!slotConfig) throw new Error(`fixture has no slot ${slot}`);
    const n = 100_000;
    const count = new Map<string, number>();
    const propensity = new Map<string, number>();
    let inconsistent = 0;
    const arms: Record<Arm, number> = { holdout: 0, control: 0, explore: 0, targeted: 0 };
    for (let i = 0; i < n; i++) {
      const d = decide({ config, slot, signals, consent: consent(tier), visitorId: `visitor-${i}` });
      arms[d.arm] += 1;
      count.set(d.experience, (count.get(d.experience) ?? 0) + 1);
      const known = propensity.get(d.experience);
      if (known === undefined) propensity.set(d.experience, d.propensity);
      else if (d.propensity !== known) inconsistent++;
    }
    expect(inconsistent, 'the same action in the same context has one propensity').toBe(0);
    // Every logged propensity equals the exact probability from enumerating the design; actions never shown have none.
    const exact = enumeratePropensities(config, slot, signals, tier);
    for (const [action, p] of propensity) expect(p, action).toBeCloseTo(exact.get(action) ?? -1, 12);
    for (const [action, p] of exact) if (!propensity.has(action)) expect(p, action).toBe(0);
    expect([...propensity.values()].reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    // Observed frequencies of each action and each arm agree with the propensities and the configured shares.
    const actions = [...propensity.keys()];
    expect(goodnessOfFit(actions.map((a) => count.get(a) ?? 0), actions.map((a) => propensity.get(a) ?? 0)).p).toBeGreaterThan(0.001);
    const { control, explore } = slotConfig;
    const shares = [h, (1 - h) * control, (1 - h) * explore, (1 - h) * (1 - control - explore)];
    expect(goodnessOfFit([arms.holdout, arms.control, arms.explore, arms.targeted], shares).p).toBeGreaterThan(0.001);
  });
});

describe('decide: consent caps', () => {
  /** A snapshot that records every signal name anyone reads from it. */
  function recording(values: Signals): { signals: Signals; read: Set<string> } {
    const read = new Set<string>();
    const note = (key: string | symbol) => {
      if (typeof key === 'string') read.add(key);
    };
    const signals = new Proxy({ ...values }, {
      get: (t, k, r): unknown => (note(k), Reflect.get(t, k, r)),
      has: (t, k) => (note(k), Reflect.has(t, k)),
      getOwnPropertyDescriptor: (t, k) => (note(k), Reflect.getOwnPropertyDescriptor(t, k)),
    });
    return { signals, read };
  }

  it('an audience above the cap never matches and its signals are never read', () => {
    const config = makeConfig();
    for (let i = 0; i < 300; i++) {
      const { signals, read } = recording(EVERYTHING);
      const d = decide({ config, slot: 'hero', signals, consent: consent('relationship'), visitorId: `visitor-${i}` });
      expect(d.audiences).not.toContain('ai-curious');
      expect(read.has('interest.ai')).toBe(false);
      if (d.arm === 'targeted') expect(d).toMatchObject({ experience: 'hero-health', audience: 'healthcare' });
    }
  });

  it('under the low cap only low audiences match; relationship and high signals are not read', () => {
    const { signals, read } = recording(EVERYTHING);
    const d = findVisitor({ config: makeConfig(), slot: 'hero', signals, consent: consent('low') }, inArm('targeted')).d;
    expect(d).toMatchObject({ experience: 'hero-health', audiences: ['healthcare'] });
    expect([...read].filter((k) => k.includes('.') && !['utm.campaign', 'locale.language'].includes(k))).toEqual([]);
  });
});

describe('decide: stickiness', () => {
  const config = makeConfig();
  const base = { config, slot: 'hero', consent: consent('high') };
  const first = findVisitor({ ...base, signals: EVERYTHING }, inArm('targeted'));

  it('keeps the stored assignment under the same version, shares and tier, with signals read afresh', () => {
    const sticky = toSticky(first.d);
    expect(sticky).toMatchObject({ version: '2026-11-22.1', shares: 'acme-q4|2|0.05/0.1/0.1', tier: 'high', experience: 'hero-ai', audience: 'ai-curious' });
    const later = decide({ ...base, visitorId: first.id, signals: { 'interest.ai': 0.6 }, sticky });
    expect(later).toMatchObject({
      experience: 'hero-ai',
      arm: 'targeted',
      reason: 'audience-match',
      sticky: true,
      decisionId: first.d.decisionId,
      propensity: first.d.propensity,
      audiences: first.d.audiences,
    });
    expect(later.signals).toEqual([{ name: 'interest.ai', value: 0.6, tier: 'high' }]);
    expect(stickyMismatch(config, 'hero', sticky, consent('high'))).toBeNull();
  });

  it('replays whatever was stored (an explore pick stays an explore pick)', () => {
    const sticky = { ...toSticky(first.d), arm: 'explore' as const, experience: 'hero-dev', audience: undefined };
    const d = decide({ ...base, visitorId: first.id, signals: EVERYTHING, sticky });
    expect(d).toMatchObject({ arm: 'explore', experience: 'hero-dev', reason: 'explore-pick', sticky: true, signals: [] });
    // A fresh decision for the same visitor is still targeted: the stored one won.
    expect(decide({ ...base, visitorId: first.id, signals: EVERYTHING }).arm).toBe('targeted');
  });

  it('a new version re-decides', () => {
    const sticky = { ...toSticky(first.d), experience: 'hero-dev', audience: 'developers' };
    const next = { ...config, version: '2026-12-01.1' };
    expect(stickyMismatch(next, 'hero', sticky, consent('high'))).toBe('version');
    const d = decide({ ...base, config: next, visitorId: first.id, signals: EVERYTHING, sticky });
    expect(d).toEqual(decide({ ...base, config: next, visitorId: first.id, signals: EVERYTHING }));
    expect(d).toMatchObject({ sticky: false, configVersion: '2026-12-01.1' });
    expect(d.decisionId).not.toBe(first.d.decisionId);
  });

  it('changed shares under the same version re-decide, and stickyMismatch says so', () => {
    const sticky = { ...toSticky(first.d), experience: 'hero-dev', audience: 'developers' };
    const widened = { ...config, holdout: 0.1 };
    expect(sharesKey(widened, 'hero')).toBe('acme-q4|2|0.1/0.1/0.1');
    expect(stickyMismatch(widened, 'hero', sticky, consent('high'))).toBe('shares');
    expect(decide({ ...base, config: widened, visitorId: first.id, signals: EVERYTHING, sticky }).sticky).toBe(false);
    const slotShares = { ...config, slots: { ...config.slots, hero: { control: 0.1, experiences: config.slots.hero?.experiences ?? [], explore: 0.2 } } };
    expect(stickyMismatch(slotShares, 'hero', sticky, consent('high'))).toBe('shares');
    const independent = { ...config, slots: { ...config.slots, hero: { ...(config.slots.hero ?? { control: 0, explore: 0, experiences: [] }), independent: true } } };
    expect(stickyMismatch(independent, 'hero', sticky, consent('high'))).toBe('shares');
    // An assignment stored by the earlier decision model (no model mark) is decided again silently, like a new version.
    expect(stickyMismatch(config, 'hero', { ...sticky, shares: 'acme-q4|0.05/0.1/0.1' }, consent('high'))).toBe('version');
  });

  it('a new salt (a new analysis period) re-decides like a new version, without a shares warning', () => {
    const sticky = toSticky(first.d);
    const nextPeriod = { ...config, salt: 'acme-q1' };
    expect(stickyMismatch(nextPeriod, 'hero', sticky, consent('high'))).toBe('version');
    expect(decide({ ...base, config: nextPeriod, visitorId: first.id, signals: EVERYTHING, sticky }).sticky).toBe(false);
  });

  it('a consent change re-decides under the new cap, with a new decision id', () => {
    const sticky = toSticky(first.d);
    expect(stickyMismatch(config, 'hero', sticky, consent('relationship'))).toBe('tier');
    const d = decide({ ...base, visitorId: first.id, signals: EVERYTHING, sticky, consent: consent('relationship') });
    expect(d).toMatchObject({ sticky: false, experience: 'hero-health', consent: { tier: 'relationship', gpc: false } });
    expect(d.decisionId).not.toBe(first.d.decisionId);
  });

  it('a stored assignment naming an experience the slot no longer has is decided again', () => {
    const sticky = { ...toSticky(first.d), experience: 'hero-gone' };
    expect(decide({ ...base, visitorId: first.id, signals: EVERYTHING, sticky })).toMatchObject({ sticky: false, experience: 'hero-ai' });
  });

  it('forcing wins over the stored assignment, without replacing it', () => {
    const d = decide({ ...base, visitorId: first.id, signals: EVERYTHING, sticky: toSticky(first.d), forced: 'hero-big' });
    expect(d).toMatchObject({ experience: 'hero-big', forced: true, sticky: false });
  });

  it('toSticky copies lists, so the stored assignment does not share arrays with the decision', () => {
    const sticky = toSticky(first.d);
    expect(sticky.audiences).toEqual(first.d.audiences);
    expect(sticky.audiences).not.toBe(first.d.audiences);
    expect(JSON.parse(JSON.stringify(sticky))).toEqual(sticky);
  });
});
