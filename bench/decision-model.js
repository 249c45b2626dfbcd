// @ts-check
/**
 * What the decision model does for visitors, measured on the demo's shape (issue 12), from `dist/core.js`:
 *   - coherent pages: among healthcare-campaign visitors, the share whose page mixes experiences made for two
 *     audiences they do not both match, and the share who see the whole page made for them (hero and proof both
 *     healthcare);
 *   - reachability: targeted-arm visitors whose first page view matched nothing and who then qualify (a second visit,
 *     two docs pages read): the share who get the experience on the next page view.
 *
 *   npm run build && node bench/decision-model.js            # this build
 *   node bench/decision-model.js --core /path/to/dist/core.js # another build (e.g. before the change)
 *
 * Figures, not assertions: the properties are tested in test/unit/core/decide/visitor-model.test.ts.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const { values } = parseArgs({ options: { core: { type: 'string' }, visitors: { type: 'string' } } });
const core = /** @type {typeof import('../src/core/index.js')} */ (await import(pathToFileURL(resolve(values.core ?? 'dist/core.js')).href));
const N = Number(values.visitors ?? 100_000);

// The demo's shape, with plain-string reasons so that earlier builds read it too.
const { config, errors } = core.validateConfig({
  v: 1,
  version: 'bench-1',
  salt: 'bench',
  holdout: 0.05,
  sections: { docs: '/docs' },
  audiences: {
    healthcare: { when: { 'utm.campaign': { $regex: '^health' } }, reason: 'Healthcare campaign.' },
    automotive: { when: { 'utm.campaign': { $regex: '^auto' } }, reason: 'Automotive campaign.' },
    logistics: { when: { 'utm.campaign': { $regex: '^logistics' } }, reason: 'Logistics campaign.' },
    developers: { when: { 'pages.docs': { $gte: 2 } }, reason: 'You read our docs.' },
    returning: { when: { 'visit.count': { $gte: 2 } }, reason: 'You have been here before.' },
  },
  slots: {
    hero: {
      experiences: [
        { id: 'hero-health', audience: 'healthcare' },
        { id: 'hero-auto', audience: 'automotive' },
        { id: 'hero-logistics', audience: 'logistics' },
        { id: 'hero-dev', audience: 'developers' },
        { id: 'hero-returning', audience: 'returning' },
      ],
    },
    proof: {
      experiences: [
        { id: 'proof-health', audience: 'healthcare' },
        { id: 'proof-auto', audience: 'automotive' },
        { id: 'proof-logistics', audience: 'logistics' },
        { id: 'proof-dev', audience: 'developers' },
      ],
    },
    cta: { experiences: [{ id: 'cta-dev', audience: 'developers' }, { id: 'cta-returning', audience: 'returning' }] },
  },
});
if (!config || errors.length) throw new Error(`bench config: ${JSON.stringify(errors)}`);
const valid = config;
const consent = { tier: /** @type {const} */ ('relationship'), gpc: false };
const audienceOf = (/** @type {string} */ slot, /** @type {string} */ e) => config.slots[slot]?.experiences.find((x) => x.id === e)?.audience;

// Coherent pages: healthcare-campaign visitors, one page with every slot.
let mixed = 0;
let whole = 0;
const health = { 'utm.campaign': 'health-2026q4', 'pages.docs': 0, 'visit.count': 1 };
for (let i = 0; i < N; i++) {
  const page = ['hero', 'proof', 'cta'].map((slot) => /** @type {[string, string]} */ ([slot, core.decide({ config, slot, visitorId: `c${i}`, signals: health, consent }).experience]));
  const audiences = new Set(page.filter(([, e]) => e !== 'baseline').map(([slot, e]) => audienceOf(slot, e)));
  // Two audiences on one page, and the visitor matches only one of them (healthcare).
  if (audiences.size > 1) mixed++;
  if (page[0]?.[1] === 'hero-health' && page[1]?.[1] === 'proof-health') whole++;
}

/** Targeted-arm visitors first decided with `before` (no match), then with `after`: the share who get `expected`. */
function reach(/** @type {import('../src/core/types.js').Signals} */ before, /** @type {import('../src/core/types.js').Signals} */ after, /** @type {string} */ expected) {
  let targeted = 0;
  let got = 0;
  for (let i = 0; i < N; i++) {
    const input = { config: valid, slot: 'hero', visitorId: `r${i}`, consent };
    const first = core.decide({ ...input, signals: before });
    if (first.arm !== 'targeted' || first.experience !== 'baseline') continue;
    targeted++;
    if (core.decide({ ...input, signals: after, sticky: core.toSticky(first) }).experience === expected) got++;
  }
  return { targeted, got };
}
const returning = reach({ 'visit.count': 1, 'pages.docs': 0 }, { 'visit.count': 2, 'pages.docs': 0 }, 'hero-returning');
const docs = reach({ 'visit.count': 1, 'pages.docs': 0 }, { 'visit.count': 1, 'pages.docs': 2 }, 'hero-dev');

const pct = (/** @type {number} */ x, /** @type {number} */ n) => `${((100 * x) / n).toFixed(2)} %`;
console.log(`Decision model (${values.core ?? 'dist/core.js'}, hashVersion ${core.HASH_VERSION}), ${N.toLocaleString('en')} visitors per figure`);
console.log(`  healthcare-campaign pages mixing two audiences                   ${mixed.toLocaleString('en')}  (${pct(mixed, N)})`);
console.log(`  healthcare-campaign pages made for them (hero and proof)         ${whole.toLocaleString('en')}  (${pct(whole, N)})`);
console.log(`  returning audience reached on the next visit (targeted arm)      ${returning.got.toLocaleString('en')} of ${returning.targeted.toLocaleString('en')}  (${pct(returning.got, returning.targeted)})`);
console.log(`  docs audience reached after two docs pages (targeted arm)        ${docs.got.toLocaleString('en')} of ${docs.targeted.toLocaleString('en')}  (${pct(docs.got, docs.targeted)})`);
