import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../../src/core/config/validate-config.js';
import { CONFIG_ERROR_CODES } from '../../../../src/core/config/config-error-codes.js';
import type { ConfigError } from '../../../../src/core/types.js';

type Json = Record<string, unknown>;

/** A valid config in the shape of the README example (with the sections and declare it needs). */
const base = (): Json => ({
  v: 1,
  version: '2026-11-22.1',
  salt: 'acme-q4',
  holdout: 0.05,
  consent: { default: 'relationship', withGpc: 'low' },
  sections: { docs: '/docs' },
  declare: ['companySize'],
  audiences: {
    healthcare: { when: { 'utm.campaign': { $regex: '^health' } }, reason: 'You came here from our healthcare campaign.' },
    developers: { when: { 'pages.docs': { $gte: 2 } }, reason: 'You have read our developer docs on this site.' },
    'large-company': { when: { 'declared.companySize': { $in: ['1000+'] } }, reason: 'You told us your company size.', shadow: true },
  },
  slots: {
    hero: {
      control: 0.1,
      explore: 0.1,
      experiences: [
        { id: 'hero-health', audience: 'healthcare' },
        { id: 'hero-dev', audience: 'developers' },
      ],
    },
  },
});

/** Applies `edit` to a fresh base config and returns `[code, path]` for every problem. */
const problems = (edit: (c: Json) => void): [string, string][] => {
  const c = base();
  edit(c);
  return validateConfig(c).errors.map((e) => [e.code, e.path]);
};
const audiences = (c: Json) => c.audiences as Record<string, unknown>;
const hero = (c: Json) => (c.slots as Record<string, Json>).hero as Json & { experiences: unknown[] };

describe('validateConfig: a valid config', () => {
  it('has no errors and resolves audiences with tiers, signals and defaults', () => {
    const { config, errors } = validateConfig(base());
    expect(errors).toEqual([]);
    expect(config?.audiences.healthcare).toEqual({
      id: 'healthcare',
      when: { 'utm.campaign': { $regex: '^health' } },
      reason: 'You came here from our healthcare campaign.',
      tier: 'low',
      shadow: false,
      signals: ['utm.campaign'],
      label: 'healthcare',
    });
    expect(config?.audiences.developers?.tier).toBe('relationship');
    expect(config?.audiences['large-company']).toMatchObject({ shadow: true, tier: 'relationship', signals: ['declared.companySize'] });
    expect(config?.slots.hero?.experiences.map((e) => e.id)).toEqual(['hero-health', 'hero-dev']);
  });
  it('applies defaults', () => {
    const c = base();
    delete c.holdout;
    delete c.consent;
    delete hero(c).control;
    delete hero(c).explore;
    c.ask = { key: 'role', question: 'Which best describes you?', options: ['developer', ['manager', 'I manage a team']] };
    const { config, errors } = validateConfig(c);
    expect(errors).toEqual([]);
    expect(config?.holdout).toBe(0.05);
    expect(config?.consent).toEqual({ default: 'relationship', withGpc: 'low' });
    expect(config?.slots.hero).toMatchObject({ control: 0.1, explore: 0.1 });
    expect(config?.ask?.share).toBe(0.02);
    // The ask key is a declared key too.
    expect(config?.declare).toEqual(['companySize', 'role']);
  });
  it('computes the tier from the strictest signal, and keeps a stricter declared tier', () => {
    const c = base();
    audiences(c).mixed = { when: { $or: [{ 'utm.source': 'x' }, { 'interest.kubernetes': { $gt: 0.5 } }] }, reason: 'r' };
    audiences(c).strict = { when: { 'utm.source': 'x' }, reason: 'r', tier: 'high' };
    const { config } = validateConfig(c);
    expect(config?.audiences.mixed?.tier).toBe('high');
    expect(config?.audiences.strict?.tier).toBe('high');
  });
  it('copies the input: later changes to it do not reach the config', () => {
    const c = base();
    const { config } = validateConfig(c);
    (audiences(c).healthcare as Json).reason = 'changed';
    expect(config?.audiences.healthcare?.reason).toBe('You came here from our healthcare campaign.');
  });
  it('accepts a reason per language, kept as written', () => {
    const c = base();
    (audiences(c).healthcare as Json).reason = { en: 'You came from our campaign.', 'de-CH': 'Sie kamen über unsere Kampagne.' };
    const { config, errors } = validateConfig(c);
    expect(errors).toEqual([]);
    expect(config?.audiences.healthcare?.reason).toEqual({ en: 'You came from our campaign.', 'de-CH': 'Sie kamen über unsere Kampagne.' });
  });
  it('accepts markup in a reason as text, and a reason of exactly 280 characters', () => {
    expect(problems((c) => ((audiences(c).healthcare as Json).reason = '<b>Because</b> you <script>came</script>'))).toEqual([]);
    expect(problems((c) => ((audiences(c).healthcare as Json).reason = 'x'.repeat(280)))).toEqual([]);
  });
  it('accepts safe changes', () => {
    expect(
      problems((c) => {
        hero(c).experiences[0] = {
          id: 'hero-health',
          audience: 'healthcare',
          eligible: { 'locale.language': 'en' },
          changes: [
            { selector: 'h1', text: 'Hi' },
            { selector: 'a', attrs: { href: 'https://example.com/x', title: 't', 'aria-label': 'l', class: 'c', alt: 'a', src: '/img.png' } },
            { selector: '.x', template: 'hero-health' },
          ],
        };
      }),
    ).toEqual([]);
  });
});

describe('validateConfig: every error code, with its path', () => {
  const cases: [string, (c: Json) => void, [string, string][]][] = [
    ['not an object', () => undefined, []], // placeholder, replaced below
    ['v wrong', (c) => (c.v = 2), [['unsupported-version', 'v']]],
    ['v missing', (c) => delete c.v, [['missing-field', 'v']]],
    ['version missing', (c) => delete c.version, [['missing-field', 'version']]],
    ['salt wrong type', (c) => (c.salt = 7), [['wrong-type', 'salt']]],
    ['salt empty', (c) => (c.salt = ' '), [['wrong-type', 'salt']]],
    ['unknown top-level field', (c) => (c.holdot = 0.1), [['unknown-field', 'holdot']]],
    ['holdout out of range', (c) => (c.holdout = 5), [['share-out-of-range', 'holdout']]],
    ['holdout wrong type', (c) => (c.holdout = '5%'), [['wrong-type', 'holdout']]],
    ['holdout NaN', (c) => (c.holdout = NaN), [['wrong-type', 'holdout']]],
    ['consent tier', (c) => (c.consent = { default: 'everything', withGpc: 'low' }), [['invalid-tier', 'consent.default']]],
    ['consent withGpc looser', (c) => (c.consent = { default: 'low', withGpc: 'high' }), [['tier-too-loose', 'consent.withGpc']]],
    ['consent wrong type', (c) => (c.consent = 'low'), [['wrong-type', 'consent']]],
    ['missing reason', (c) => delete (audiences(c).healthcare as Json).reason, [['missing-reason', 'audiences.healthcare.reason'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['empty reason', (c) => ((audiences(c).healthcare as Json).reason = '  '), [['missing-reason', 'audiences.healthcare.reason'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['reason wrong type', (c) => ((audiences(c).healthcare as Json).reason = 3), [['wrong-type', 'audiences.healthcare.reason'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['reason too long', (c) => ((audiences(c).healthcare as Json).reason = 'x'.repeat(281)), [['reason-too-long', 'audiences.healthcare.reason'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['missing when', (c) => delete (audiences(c).healthcare as Json).when, [['missing-field', 'audiences.healthcare.when'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['audience tier invalid', (c) => ((audiences(c)['large-company'] as Json).tier = 'medium'), [['invalid-tier', 'audiences.large-company.tier']]],
    ['audience tier too loose', (c) => ((audiences(c).developers as Json).tier = 'low'), [['tier-too-loose', 'audiences.developers.tier'], ['invalid-audience', 'slots.hero.experiences[1].audience']]],
    ['shadow wrong type', (c) => ((audiences(c)['large-company'] as Json).shadow = 'yes'), [['wrong-type', 'audiences.large-company.shadow']]],
    ['audience wrong type', (c) => (audiences(c).healthcare = 'x'), [['wrong-type', 'audiences.healthcare'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['unknown audience field', (c) => ((audiences(c).healthcare as Json).shadwo = true), [['unknown-field', 'audiences.healthcare.shadwo'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['audiences missing', (c) => delete c.audiences, [['missing-field', 'audiences'], ['unknown-audience', 'slots.hero.experiences[0].audience'], ['unknown-audience', 'slots.hero.experiences[1].audience']]],
    ['slots missing', (c) => delete c.slots, [['missing-field', 'slots']]],
    ['unknown operator', (c) => ((audiences(c).healthcare as Json).when = { 'utm.campaign': { $regexp: '^h' } }), [['unknown-operator', 'audiences.healthcare.when["utm.campaign"].$regexp'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['unknown top operator', (c) => ((audiences(c).healthcare as Json).when = { $xor: [] }), [['unknown-operator', 'audiences.healthcare.when.$xor'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['invalid regex', (c) => ((audiences(c).healthcare as Json).when = { 'utm.campaign': { $regex: '(' } }), [['invalid-regex', 'audiences.healthcare.when["utm.campaign"].$regex'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['invalid regex options', (c) => ((audiences(c).healthcare as Json).when = { 'utm.campaign': { $regex: 'a', $options: 'g' } }), [['invalid-regex', 'audiences.healthcare.when["utm.campaign"].$options'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['invalid condition operand', (c) => ((audiences(c).healthcare as Json).when = { 'utm.campaign': { $in: 'a' } }), [['invalid-condition', 'audiences.healthcare.when["utm.campaign"].$in'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['empty $or', (c) => ((audiences(c).healthcare as Json).when = { $or: [] }), [['invalid-condition', 'audiences.healthcare.when.$or'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['condition not an object', (c) => ((audiences(c).healthcare as Json).when = 'utm.campaign'), [['invalid-condition', 'audiences.healthcare.when'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['unknown signal', (c) => ((audiences(c).healthcare as Json).when = { 'utm.campain': 'x' }), [['unknown-signal', 'audiences.healthcare.when["utm.campain"]'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['undeclared attribute', (c) => ((audiences(c)['large-company'] as Json).when = { 'declared.role': 'cto' }), [['undeclared-attribute', 'audiences.large-company.when["declared.role"]']]],
    ['unknown section', (c) => ((audiences(c).developers as Json).when = { 'pages.blog': { $gte: 1 } }), [['unknown-section', 'audiences.developers.when["pages.blog"]'], ['invalid-audience', 'slots.hero.experiences[1].audience']]],
    ['unknown audience', (c) => (hero(c).experiences[1] = { id: 'hero-dev', audience: 'develoeprs' }), [['unknown-audience', 'slots.hero.experiences[1].audience']]],
    ['shadow audience', (c) => (hero(c).experiences[1] = { id: 'hero-big', audience: 'large-company' }), [['shadow-audience', 'slots.hero.experiences[1].audience']]],
    ['experience without audience', (c) => (hero(c).experiences[1] = { id: 'hero-dev' }), [['missing-field', 'slots.hero.experiences[1].audience']]],
    ['duplicate id in a slot', (c) => (hero(c).experiences[1] = { id: 'hero-health', audience: 'developers' }), [['duplicate-experience-id', 'slots.hero.experiences[1].id']]],
    ['duplicate id across slots', (c) => ((c.slots as Json).footer = { experiences: [{ id: 'hero-dev', audience: 'developers' }] }), [['duplicate-experience-id', 'slots.footer.experiences[0].id']]],
    ['baseline id', (c) => (hero(c).experiences[1] = { id: 'baseline', audience: 'developers' }), [['reserved-id', 'slots.hero.experiences[1].id']]],
    ['experience wrong type', (c) => (hero(c).experiences[1] = 'hero-dev'), [['wrong-type', 'slots.hero.experiences[1]']]],
    ['control out of range', (c) => (hero(c).control = -0.1), [['share-out-of-range', 'slots.hero.control']]],
    ['control + explore >= 1', (c) => Object.assign(hero(c), { control: 0.5, explore: 0.5 }), [['shares-too-large', 'slots.hero']]],
    ['coherent slots with different explore shares', (c) => ((c.slots as Json).footer = { explore: 0.3, experiences: [] }), [['explore-not-shared', 'slots.footer.explore']]],
    ['independent not a boolean', (c) => ((hero(c) as Json).independent = 'yes'), [['wrong-type', 'slots.hero.independent']]],
    ['reason in a language that is not a tag', (c) => ((audiences(c).healthcare as Json).reason = { en: 'Hi.', 'not a tag': 'x' }), [['invalid-language', 'audiences.healthcare.reason["not a tag"]'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['reason per language, one empty', (c) => ((audiences(c).healthcare as Json).reason = { en: 'Hi.', de: ' ' }), [['missing-reason', 'audiences.healthcare.reason.de'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['reason per language, none given', (c) => ((audiences(c).healthcare as Json).reason = {}), [['missing-reason', 'audiences.healthcare.reason'], ['invalid-audience', 'slots.hero.experiences[0].audience']]],
    ['experiences not a list', (c) => ((hero(c) as Json).experiences = {}), [['wrong-type', 'slots.hero.experiences']]],
    ['experiences missing', (c) => delete (hero(c) as Json).experiences, [['missing-field', 'slots.hero.experiences']]],
    ['slot wrong type', (c) => ((c.slots as Json).hero = []), [['wrong-type', 'slots.hero']]],
    ['eligible reads relationship signals', (c) => (hero(c).experiences[0] = { id: 'hero-health', audience: 'healthcare', eligible: { 'visit.returning': true } }), [['eligible-tier-too-high', 'slots.hero.experiences[0].eligible']]],
    ['eligible malformed', (c) => (hero(c).experiences[0] = { id: 'hero-health', audience: 'healthcare', eligible: { 'locale.language': { $bad: 1 } } }), [['unknown-operator', 'slots.hero.experiences[0].eligible["locale.language"].$bad']]],
    ['unsafe attribute', (c) => (hero(c).experiences[0] = { id: 'hero-health', audience: 'healthcare', changes: [{ selector: 'a', attrs: { onclick: 'x()' } }] }), [['unsafe-change', 'slots.hero.experiences[0].changes[0].attrs.onclick']]],
    ['style attribute', (c) => (hero(c).experiences[0] = { id: 'hero-health', audience: 'healthcare', changes: [{ selector: 'a', attrs: { style: 'color:red' } }] }), [['unsafe-change', 'slots.hero.experiences[0].changes[0].attrs.style']]],
    ['javascript: href', (c) => (hero(c).experiences[0] = { id: 'hero-health', audience: 'healthcare', changes: [{ selector: 'a', attrs: { href: ' java\tscript:alert(1)' } }] }), [['unsafe-url', 'slots.hero.experiences[0].changes[0].attrs.href']]],
    ['data: src', (c) => (hero(c).experiences[0] = { id: 'hero-health', audience: 'healthcare', changes: [{ selector: 'img', attrs: { src: 'data:image/svg+xml,<svg onload=alert(1)>' } }] }), [['unsafe-url', 'slots.hero.experiences[0].changes[0].attrs.src']]],
    ['change does nothing', (c) => (hero(c).experiences[0] = { id: 'hero-health', audience: 'healthcare', changes: [{ selector: 'h1' }] }), [['invalid-change', 'slots.hero.experiences[0].changes[0]']]],
    ['change without selector', (c) => (hero(c).experiences[0] = { id: 'hero-health', audience: 'healthcare', changes: [{ text: 'x' }] }), [['missing-field', 'slots.hero.experiences[0].changes[0].selector']]],
    ['change html field', (c) => (hero(c).experiences[0] = { id: 'hero-health', audience: 'healthcare', changes: [{ selector: 'h1', html: '<b>x</b>' }] }), [['unknown-field', 'slots.hero.experiences[0].changes[0].html'], ['invalid-change', 'slots.hero.experiences[0].changes[0]']]],
    ['section path', (c) => (c.sections = { docs: 'docs' }), [['invalid-path', 'sections.docs'], ['unknown-section', 'audiences.developers.when["pages.docs"]'], ['invalid-audience', 'slots.hero.experiences[1].audience']]],
    ['goal path', (c) => (c.goals = { demo: { path: 'thanks' } }), [['invalid-path', 'goals.demo.path']]],
    ['goal wrong type', (c) => (c.goals = { demo: '/thanks' }), [['wrong-type', 'goals.demo']]],
    ['declare wrong type', (c) => (c.declare = 'companySize'), [['wrong-type', 'declare'], ['undeclared-attribute', 'audiences.large-company.when["declared.companySize"]']]],
    ['declare key with a dot', (c) => (c.declare = ['companySize', 'a.b']), [['reserved-id', 'declare[1]']]],
    ['reserved audience name', (c) => Object.defineProperty(audiences(c), 'constructor', { value: { when: {}, reason: 'r' }, enumerable: true }), [['reserved-id', 'audiences.constructor']]],
    ['privacyUrl unsafe', (c) => (c.privacyUrl = 'javascript:void(0)'), [['unsafe-url', 'privacyUrl']]],
    ['ask without options', (c) => (c.ask = { key: 'role', question: 'Who are you?', options: [] }), [['invalid-ask', 'ask.options']]],
    ['ask duplicate option', (c) => (c.ask = { key: 'role', question: 'Who are you?', options: ['dev', ['dev', 'Developer']] }), [['invalid-ask', 'ask.options[1]']]],
    ['ask key with a dot', (c) => (c.ask = { key: 'a.b', question: 'Who are you?', options: ['dev'] }), [['invalid-ask', 'ask.key']]],
    ['ask share', (c) => (c.ask = { key: 'role', question: 'Who are you?', options: ['dev'], share: 2 }), [['share-out-of-range', 'ask.share']]],
    ['ask missing question', (c) => (c.ask = { key: 'role', options: ['dev'] }), [['missing-field', 'ask.question']]],
    ['ask segment unknown answer', (c) => (c.ask = { key: 'role', question: 'Who?', options: ['dev'], segments: { pm: ['developers'] } }), [['invalid-ask', 'ask.segments.pm']]],
    ['ask segment unknown audience', (c) => (c.ask = { key: 'role', question: 'Who?', options: ['dev'], segments: { dev: ['devs'] } }), [['unknown-audience', 'ask.segments.dev[0]']]],
  ];
  it.each(cases.slice(1))('%s', (_, edit, expected) => {
    expect(problems(edit)).toEqual(expected);
  });
  it('not an object: config null', () => {
    for (const input of [null, 'config', 42, [base()], undefined]) {
      const { config, errors } = validateConfig(input);
      expect(config).toBeNull();
      expect(errors.map((e) => [e.code, e.path])).toEqual([['not-an-object', '']]);
    }
  });
  it('not JSON: cycles, throwing getters and Dates are reported with their path', () => {
    const c = base();
    (audiences(c).healthcare as Json).self = audiences(c).healthcare;
    Object.defineProperty(audiences(c).developers, 'reason', { enumerable: true, get: () => { throw new Error('boom'); } });
    c.privacyUrl = new Date(0);
    const codes = validateConfig(c).errors.map((e) => [e.code, e.path]);
    expect(codes).toContainEqual(['not-json', 'audiences.healthcare.self']);
    expect(codes).toContainEqual(['not-json', 'audiences.developers.reason']);
    expect(codes).toContainEqual(['not-json', 'privacyUrl']);
  });
  it('every code in CONFIG_ERROR_CODES is a kebab-case string, and every code produced here is listed', () => {
    for (const code of Object.keys(CONFIG_ERROR_CODES)) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
    const produced = new Set(cases.flatMap(([, , expected]) => expected.map(([code]) => code)));
    for (const code of produced) expect(CONFIG_ERROR_CODES).toHaveProperty(code);
    // Codes not produced by the table above are covered by their own tests in this file or the CLI's.
    const elsewhere = ['not-an-object', 'not-json', 'invalid-json', 'internal-error', 'type-mismatch'];
    expect(Object.keys(CONFIG_ERROR_CODES).filter((code) => !produced.has(code) && !elsewhere.includes(code))).toEqual([]);
  });
  it('each error says what is wrong and what to do', () => {
    const { errors } = validateConfig({ v: 1, version: 'x', salt: 's', audiences: { a: { when: { 'utm.campain': 'x' }, reason: 'r' } }, slots: { s: { experiences: [{ id: 'e', audience: 'b' }] } } });
    const byCode = Object.fromEntries(errors.map((e): [string, ConfigError] => [e.code, e]));
    // The "did you mean" hint is the CLI's (src/cli/cli-messages.ts), not the npm module's.
    expect(byCode['unknown-signal']?.fix).toContain('Use a name from the signal list');
    expect(byCode['unknown-audience']?.message).toBe('There is no audience "b".');
    expect(byCode['unknown-audience']?.fix).toContain('Defined audiences: a.');
    for (const e of errors) {
      expect(e.message.length).toBeGreaterThan(10);
      expect(e.fix.length).toBeGreaterThan(10);
    }
  });
});

describe('validateConfig: invalid parts are dropped, the rest keeps working', () => {
  it('a bad audience drops only its experiences', () => {
    const c = base();
    (audiences(c).developers as Json).when = { 'pages.docs': { $gte: [2] } };
    const { config } = validateConfig(c);
    expect(Object.keys(config?.audiences ?? {})).toEqual(['healthcare', 'large-company']);
    expect(config?.slots.hero?.experiences.map((e) => e.id)).toEqual(['hero-health']);
  });
  it('a slot with no valid experiences stays, with an empty list', () => {
    const c = base();
    hero(c).experiences = [{ id: 'x', audience: 'nobody' }];
    const { config } = validateConfig(c);
    expect(config?.slots.hero).toEqual({ control: 0.1, explore: 0.1, experiences: [] });
  });
  it('a slot with bad shares is dropped; other slots stay', () => {
    const c = base();
    (c.slots as Json).footer = { control: 0.7, explore: 0.4, experiences: [{ id: 'f', audience: 'healthcare' }] };
    const { config } = validateConfig(c);
    expect(Object.keys(config?.slots ?? {})).toEqual(['hero']);
  });
  it('a duplicate experience keeps the first one', () => {
    const c = base();
    hero(c).experiences.push({ id: 'hero-health', audience: 'developers' });
    expect(validateConfig(c).config?.slots.hero?.experiences).toEqual([
      { id: 'hero-health', audience: 'healthcare' },
      { id: 'hero-dev', audience: 'developers' },
    ]);
  });
  it('an unreadable consent tier falls back to "low"', () => {
    const c = base();
    c.consent = { default: 'all', withGpc: 'low' };
    expect(validateConfig(c).config?.consent).toEqual({ default: 'low', withGpc: 'low' });
  });
  it('a bad change drops its experience', () => {
    const c = base();
    hero(c).experiences[0] = { id: 'hero-health', audience: 'healthcare', changes: [{ selector: 'a', attrs: { href: 'javascript:x' } }] };
    expect(validateConfig(c).config?.slots.hero?.experiences.map((e) => e.id)).toEqual(['hero-dev']);
  });
  it('a bad ask is dropped; the config stays', () => {
    const c = base();
    c.ask = { key: 'role', question: 'Who?', options: [] };
    const { config } = validateConfig(c);
    expect(config?.ask).toBeUndefined();
    expect(config?.slots.hero?.experiences).toHaveLength(2);
  });
  it('without a usable v, version, salt or holdout the whole config is null, but every problem is still reported', () => {
    const c = base();
    c.v = 2;
    (audiences(c).healthcare as Json).reason = '';
    const { config, errors } = validateConfig(c);
    expect(config).toBeNull();
    expect(errors.map((e) => e.code)).toEqual(['unsupported-version', 'missing-reason', 'invalid-audience']);
  });
  it('over 100,000 values: one not-json problem and config null', () => {
    const c = base();
    c.goals = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`g${i}`, { path: '/x' }]));
    const { config, errors } = validateConfig(c);
    expect(config).toBeNull();
    expect(errors.map((e) => [e.code, e.path])).toEqual([['not-json', '']]);
  });
  it('prototype keys never change a prototype', () => {
    const c = JSON.parse('{"v":1,"version":"x","salt":"s","audiences":{"__proto__":{"when":{},"reason":"r"}},"slots":{},"__proto__":{"polluted":true}}') as Json;
    const { config, errors } = validateConfig(c);
    expect(errors.map((e) => [e.code, e.path])).toEqual([['unknown-field', '__proto__'], ['reserved-id', 'audiences.__proto__']]);
    expect(({} as Json).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(config?.audiences)).toBe(Object.prototype);
    expect(Object.keys(config?.audiences ?? {})).toEqual([]);
  });
});

describe('the "checked" stamp', () => {
  it('is a field a config may carry (candor check --stamp writes it); validation ignores its value', () => {
    const { config, errors } = validateConfig({ ...base(), checked: 'bb9b2770766b:12345' });
    expect(errors).toEqual([]);
    expect(config).not.toBeNull();
  });
});
