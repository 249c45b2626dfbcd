import { describe, expect, it } from 'vitest';
import { decide } from '../../../../src/core/decide/decide.js';
import { signalSpec } from '../../../../src/core/signals/signal-catalog.js';
import { explain } from '../../../../src/core/explain/explain.js';
import { EXPLAIN_MESSAGES_EN } from '../../../../src/core/explain/explain-messages.js';
import { BASELINE, type Arm, type Decision, type Explanation, type Signals, type Tier } from '../../../../src/core/types.js';
import { EVERYTHING, consent, makeConfig } from '../decide/fixtures.js';

const config = makeConfig();

/** The decision of the first visitor in `arm` (visitors match every audience unless `signals` says otherwise). */
function decisionIn(arm: Arm, opts: { signals?: Signals; tier?: Tier; gpc?: boolean; slot?: string; test?: (d: Decision) => boolean } = {}): Decision {
  for (let i = 0; i < 100_000; i++) {
    const d = decide({
      config,
      slot: opts.slot ?? 'hero',
      visitorId: `visitor-${i}`,
      signals: opts.signals ?? EVERYTHING,
      consent: consent(opts.tier ?? 'high', opts.gpc),
    });
    if (d.arm === arm && (opts.test?.(d) ?? true)) return d;
  }
  throw new Error(`no visitor in ${arm}`);
}

/** The first visitor in `arm` for these signals and cap. */
function findIn(arm: Arm, signals: Signals, tier: Tier): string {
  for (let i = 0; i < 100_000; i++) {
    if (decide({ config, slot: 'hero', visitorId: `visitor-${i}`, signals, consent: consent(tier) }).arm === arm) return `visitor-${i}`;
  }
  throw new Error(`no visitor in ${arm}`);
}

/** Every sentence of an explanation, to search for text that must (not) be there. */
const allText = (e: Explanation): string =>
  [e.summary, e.audienceReason ?? '', e.armText, e.storage, e.sent, ...e.controls, ...e.signals.flatMap((s) => [s.label, s.value, s.tierText])].join('\n');

const AUDIENCE_REASONS = Object.values(config.audiences).map((a) => a.reason);

describe('explain: each arm, told honestly', () => {
  it('targeted with an audience: the audience reason, and every signal its rule used with label, value and tier', () => {
    const d = decisionIn('targeted', { tier: 'relationship', signals: { 'pages.docs': 4, 'visit.returning': true, 'locale.languages': ['fr', 'en'] } });
    expect(d.audience).toBe('developers');
    const e = explain(d, config);
    expect(e).toMatchObject({ slot: 'hero', experience: 'hero-dev', arm: 'targeted', reason: 'audience-match' });
    expect(e.audienceReason).toBe('You have read our developer docs on this site.');
    expect(e.summary).toBe('You see a version this site chose for visitors like you. You have read our developer docs on this site.');
    expect(e.armText).toBe(EXPLAIN_MESSAGES_EN.armTargeted);
    expect(e.signals).toEqual([
      { name: 'pages.docs', label: 'Pages you viewed in “docs”', value: '4', tier: 'relationship', tierText: 'remembered on this site' },
      { name: 'visit.returning', label: 'You have visited before', value: 'yes', tier: 'relationship', tierText: 'remembered on this site' },
      { name: 'locale.languages', label: 'Languages your browser prefers', value: 'fr, en', tier: 'low', tierText: 'this visit only' },
    ]);
  });

  it('every signal the decision used appears in the explanation with its value', () => {
    const d = decisionIn('targeted');
    const e = explain(d, config);
    expect(d.signals.length).toBeGreaterThan(0);
    expect(e.signals.map((s) => s.name)).toEqual(d.signals.map((s) => s.name));
    expect(e.signals[0]).toEqual({ name: 'interest.ai', label: 'Your interest in “ai”, from what you read and clicked', value: '0.9', tier: 'high', tierText: 'inferred from your activity' });
  });

  it('global holdout: the real share, the standard page, no audience reason', () => {
    const e = explain(decisionIn('holdout'), config);
    expect(e.armText).toBe('You are among the 5% of visitors who always see our standard page, so we can check that personalization helps.');
    expect(e.summary).toBe('You see the standard page.');
    const wider = { ...config, holdout: 0.125 };
    expect(explain(decisionIn('holdout'), wider).armText).toContain('among the 12.5% of visitors');
  });

  it('slot control: the slot’s real share of all visitors', () => {
    const e = explain(decisionIn('control'), config);
    // 10% of the 95% outside the holdout.
    expect(e.armText).toBe(
      'You are among the 9.5% of visitors who see the standard version of this part of the page, so we can check that the other versions help.',
    );
    const pricing = explain(decisionIn('control', { slot: 'pricing' }), config);
    expect(pricing.armText).toContain('among the 19% of visitors');
  });

  it('explore: picked at random, with the real share; never claims an audience reason', () => {
    const shown = decisionIn('explore', { test: (d) => d.experience === 'hero-ai' });
    const e = explain(shown, config);
    expect(e.armText).toBe('This version was picked at random to learn what works. 9.5% of visitors get a random pick here.');
    expect(e.summary).toBe('You see a version picked at random.');
    expect(e.signals).toEqual([]);
    const standard = explain(decisionIn('explore', { test: (d) => d.experience === BASELINE }), config);
    expect(standard.summary).toBe('You see the standard version, picked at random.');
  });

  it('no explore, holdout or control explanation contains an audience reason, though the visitor matches audiences', () => {
    for (const arm of ['explore', 'holdout', 'control'] as const) {
      for (const tier of ['low', 'relationship', 'high'] as const) {
        const d = decisionIn(arm, { tier });
        expect(d.counterfactual).not.toBe(BASELINE); // targeting would have used an audience
        const e = explain(d, config);
        expect(e.audienceReason).toBeUndefined();
        for (const reason of AUDIENCE_REASONS) expect(allText(e)).not.toContain(reason);
        expect(e.signals).toEqual([]);
      }
    }
  });

  it('no match: says so plainly, and lists what was checked with the values (only within the consent cap)', () => {
    const e = explain(decisionIn('targeted', { signals: {} }), config);
    expect(e).toMatchObject({ experience: BASELINE, reason: 'no-audience-match', armText: EXPLAIN_MESSAGES_EN.armNoMatch, signals: [] });
    expect(e.audienceReason).toBeUndefined();
    const signals = { 'utm.campaign': 'spring-sale', 'pages.docs': 1, 'interest.ai': 0.1, 'visit.returning': false };
    const d = decide({ config, slot: 'hero', visitorId: findIn('targeted', signals, 'relationship'), signals, consent: consent('relationship') });
    expect(d.reason).toBe('no-audience-match');
    const checked = explain(d, config, undefined, { signals });
    // The hero's deliverable audiences at the relationship cap: healthcare (utm.campaign) and developers (pages.docs,
    // visit.returning, locale.languages); ai-curious is above the cap and was not read; large-company is shadow.
    expect(checked.signals.map((s) => [s.name, s.value])).toEqual([
      ['utm.campaign', 'spring-sale'],
      ['pages.docs', '1'],
      ['visit.returning', 'no'],
      ['locale.languages', 'not known'],
    ]);
    // Nothing on the page is personalized: no "standard version" to offer.
    expect(checked.offers).toEqual({ standard: false, personalize: false, forget: true });
    expect(checked.controls).toEqual(['Forget what this site remembers']);
  });

  it('offers "Show me the standard version" only while something on the page is personalized', () => {
    const control = decisionIn('control');
    expect(explain(control, config).offers.standard).toBe(false);
    expect(explain(control, config, undefined, { personalized: true }).offers.standard).toBe(true);
    expect(explain(decisionIn('targeted'), config).offers.standard).toBe(true);
  });

  it('after "forget": says the site forgot, and offers nothing more', () => {
    const targeted = decisionIn('targeted');
    const e = explain({ ...targeted, experience: BASELINE, reason: 'forgotten', audience: undefined, signals: [] }, config, undefined, { personalized: false });
    expect(e).toMatchObject({ summary: EXPLAIN_MESSAGES_EN.summaryForgotten, armText: EXPLAIN_MESSAGES_EN.armForgotten, storage: EXPLAIN_MESSAGES_EN.storageForgotten, sent: EXPLAIN_MESSAGES_EN.sentNothing });
    expect(e.summary).not.toContain('as you asked');
    expect(e.controls).toEqual([]);
  });

  it('speaks the page\'s language: a reason written per language is picked by <html lang>', () => {
    const multi = makeConfig();
    const healthcare = multi.audiences.healthcare;
    if (!healthcare) throw new Error('fixture has no healthcare audience');
    multi.audiences.healthcare = { ...healthcare, reason: { en: 'You came from our campaign.', de: 'Sie kamen über unsere Kampagne.', 'pt-BR': 'Você veio da campanha.' } };
    const signals = { 'utm.campaign': 'health' };
    const d = decide({ config: multi, slot: 'hero', visitorId: findIn('targeted', signals, 'low'), signals, consent: consent('low') });
    expect(explain(d, multi, undefined, { lang: 'de-CH' }).audienceReason).toBe('Sie kamen über unsere Kampagne.');
    expect(explain(d, multi, undefined, { lang: 'pt-BR' }).audienceReason).toBe('Você veio da campanha.');
    expect(explain(d, multi, undefined, { lang: 'pt' }).audienceReason).toBe('Você veio da campanha.');
    expect(explain(d, multi, undefined, { lang: 'fr' }).audienceReason).toBe('You came from our campaign.');
    expect(explain(d, multi).summary).toContain('You came from our campaign.');
  });

  it('explains the standard content for the null config of hopeless input, and never throws', () => {
    const d = decide({ config: null as unknown as typeof config, slot: 'hero', visitorId: 'v', signals: {}, consent: consent('low') });
    expect(explain(d, null)).toMatchObject({ experience: BASELINE, reason: 'invalid-config', summary: EXPLAIN_MESSAGES_EN.summaryInvalidConfig });
    expect(() => explain(null as unknown as Decision, config)).not.toThrow();
    expect(() => explain({ ...d, slot: undefined as unknown as string, consent: undefined as unknown as Decision['consent'] }, config)).not.toThrow();
  });

  it('forced, shown-standard and fallbacks each get their own honest text', () => {
    const forced = explain(decide({ config, slot: 'hero', visitorId: 'v', signals: EVERYTHING, consent: consent('high'), forced: 'hero-dev' }), config);
    expect(forced).toMatchObject({ summary: EXPLAIN_MESSAGES_EN.summaryForced, armText: EXPLAIN_MESSAGES_EN.armForced, sent: EXPLAIN_MESSAGES_EN.sentNothing });
    expect(forced.audienceReason).toBeUndefined();

    // What the instance builds when the visitor asked for the standard version: the arm is kept, the rest reset.
    const targeted = decisionIn('targeted');
    const standard = explain({ ...targeted, experience: BASELINE, reason: 'show-standard', audience: undefined, signals: [] }, config);
    expect(standard).toMatchObject({ summary: EXPLAIN_MESSAGES_EN.summaryStandard, armText: EXPLAIN_MESSAGES_EN.armStandard });
    expect(standard.controls).toEqual(['Personalize again', 'Forget what this site remembers']);
    expect(standard.audienceReason).toBeUndefined();

    // A slot that arrived after the 300 ms cap keeps its standard content on this page view: said so, without the rule.
    const late = explain({ ...targeted, experience: BASELINE, reason: 'late-slot', audience: undefined, signals: [] }, config);
    expect(late).toMatchObject({ experience: BASELINE, summary: EXPLAIN_MESSAGES_EN.summaryLateSlot, armText: EXPLAIN_MESSAGES_EN.armLateSlot, sent: EXPLAIN_MESSAGES_EN.sent, signals: [] });
    expect(late.audienceReason).toBeUndefined();

    const unknown = explain(decide({ config, slot: 'footer', visitorId: 'v', signals: EVERYTHING, consent: consent('high') }), config);
    expect(unknown).toMatchObject({ summary: EXPLAIN_MESSAGES_EN.summaryUnknownSlot, armText: EXPLAIN_MESSAGES_EN.armUnknownSlot, sent: EXPLAIN_MESSAGES_EN.sentNothing });

    const noId = explain(decide({ config, slot: 'hero', visitorId: '', signals: EVERYTHING, consent: consent('high') }), config);
    expect(noId).toMatchObject({ armText: EXPLAIN_MESSAGES_EN.armNoVisitorId, storage: EXPLAIN_MESSAGES_EN.storageBlocked, sent: EXPLAIN_MESSAGES_EN.sentNothing });

    const invalid = explain({ ...targeted, reason: 'invalid-config', experience: BASELINE, audience: undefined, signals: [] }, config);
    expect(invalid.armText).toBe(EXPLAIN_MESSAGES_EN.armInvalidConfig);
  });
});

describe('explain: data, sending and controls', () => {
  it('says where the data lives and what is sent', () => {
    const e = explain(decisionIn('targeted'), config);
    expect(e.storage).toBe('Stored in this browser only, in this site’s local storage; Safari may delete it after 7 days without a visit.');
    expect(e.sent).toBe('This site receives which version you saw and the names of the audiences you matched — never the signals themselves.');
    expect(e.controls).toEqual(['Show me the standard version', 'Forget what this site remembers']);
  });

  it('under GPC, says only the version is sent', () => {
    const e = explain(decisionIn('targeted', { tier: 'low', gpc: true }), config);
    expect(e.sent).toContain('only which version you saw');
    expect(e.sent).toContain('Global Privacy Control');
  });

  it('labels each signal from the catalog (a family with its key filled in), as decisions carry names only', () => {
    const crafted: Decision = {
      ...decisionIn('targeted'),
      signals: [
        { name: 'utm.campaign', value: 'x', tier: 'low' },
        { name: 'pages.docs', value: 3, tier: 'relationship' },
      ],
    };
    expect(explain(crafted, config).signals.map((s) => s.label)).toEqual(['Campaign you arrived from', 'Pages you viewed in “docs”']);
  });

  it('renders values as text: lists joined, booleans yes/no, missing values named', () => {
    // A decision record with every kind of value (a rule that matched could not hold all of them at once).
    const crafted: Decision = {
      ...decisionIn('targeted'),
      signals: [
        { name: 'locale.languages', value: ['de', 'en', 'fr'], tier: 'low' },
        { name: 'visit.returning', value: false, tier: 'relationship' },
        { name: 'declared.role', value: null, tier: 'relationship' },
        { name: 'recent.pages', value: [], tier: 'relationship' },
        { name: 'utm.campaign', value: undefined, tier: 'low' },
      ],
    };
    expect(explain(crafted, config).signals.map((s) => s.value)).toEqual(['de, en, fr', 'no', 'not known', 'none', 'not known']);
  });

  it('messages can be replaced for translation; missing keys stay English; placeholders are filled', () => {
    const e = explain(decisionIn('holdout'), config, { armHoldout: 'Sie gehören zu den {share} der Besucher, die immer die Standardseite sehen.', forget: 'Vergessen' });
    expect(e.armText).toBe('Sie gehören zu den 5% der Besucher, die immer die Standardseite sehen.');
    expect(e.controls).toEqual(['Vergessen']);
    expect(explain(decisionIn('holdout'), config, { showStandard: 'Standardversion' }, { personalized: true }).controls[0]).toBe('Standardversion');
    expect(e.storage).toBe(EXPLAIN_MESSAGES_EN.storage);
  });

  it('returns strings only: an audience reason with markup stays literal text', () => {
    const tricky = makeConfig();
    const healthcare = tricky.audiences.healthcare;
    if (!healthcare) throw new Error('fixture has no healthcare audience');
    tricky.audiences.healthcare = { ...healthcare, reason: 'You came from <b>our</b> {share} campaign.' };
    let d: Decision | undefined;
    for (let i = 0; !d; i++) {
      const x = decide({ config: tricky, slot: 'hero', visitorId: `visitor-${i}`, signals: { 'utm.campaign': 'health' }, consent: consent('low') });
      if (x.reason === 'audience-match') d = x;
    }
    const e = explain(d, tricky);
    expect(e.audienceReason).toBe('You came from <b>our</b> {share} campaign.');
    expect(e.summary).toContain('<b>our</b> {share}');
    for (const value of Object.values(e)) expect(['string', 'object']).toContain(typeof value);
  });
});

describe('explain: translated signal labels', () => {
  it('uses a translated label by exact name, then by family with the key filled in, else the catalog label', () => {
    const d = decisionIn('targeted', { test: (x) => x.signals.length > 0 });
    const [first] = d.signals;
    if (!first) throw new Error('a targeted decision with signals was expected');
    const family = `${first.name.split('.')[0] ?? ''}.*`;
    expect(explain(d, config, { labels: { [first.name]: 'Übersetzt' } }).signals[0]?.label).toBe('Übersetzt');
    expect(explain(d, config, { labels: { [family]: 'Familie {key}' } }).signals[0]?.label).toBe(`Familie ${first.name.split('.').slice(1).join('.')}`);
    expect(explain(d, config, { labels: { 'nope.nope': 'x' } }).signals[0]?.label).toBe(signalSpec(first.name)?.label);
  });
});
