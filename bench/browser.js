// @ts-check
/**
 * What a page pays for Candor in a real browser, next to the same page with no SDK and with GrowthBook (not a test: it
 * prints figures).
 *
 *   npm run build && node bench/browser.js          # table
 *   node bench/browser.js --json                     # results as JSON (used by bench/run.js)
 *   BENCH_RUNS=25 node bench/browser.js              # loads per variant and scenario (default 15)
 *   BENCH_CPU_THROTTLE=4 node bench/browser.js       # only 4× CPU (default: 1 and 4)
 *   BENCH_VISITS=campaign node bench/browser.js      # only the campaign visit (default: plain,campaign,next)
 *   BENCH_DEBUG=1 node bench/browser.js              # also prints each load's script CPU by file to stderr
 *   BENCH_BASELINE=/tmp/old-dist node bench/browser.js  # A/B: adds that directory's candor*.min.js as a fourth variant
 *   BENCH_EXTRA_SECTIONS=100 node bench/browser.js      # a heavier page: N more sections (about 40 elements and one inline
 *                                                        # script each) before </body>, in every variant
 *
 * The page is examples/marketing-site/index.html (three slots), served by test/e2e/server.js in three variants that
 * differ only in `<head>`:
 * - **no SDK**: the config block and Candor's script tag removed;
 * - **GrowthBook**: `dist/bundles/auto.min.js` of the pinned `@growthbook/growthbook`, configured inline
 *   (`window.growthbook_config = { payload }`, no request) with one visual experiment per Candor experience: the same
 *   audience rule as its condition, the same slot content as a DOM mutation (the template's HTML, or the `changes`
 *   as `set` mutations), the same URL, and Candor's arm shares as coverage 0.95 (the holdout) and weights 0.2 / 0.8
 *   (control + explore / targeted). Its default tracking (dataLayer) stays on, as Candor's `data-sink` does;
 * - **Candor**: the page as it is (inline JSON config, `candor.min.js`), which loads `candor-runtime.min.js` itself.
 * Both SDKs get one fixed visitor id (Candor `data-visitor-id`, GrowthBook its `gbuuid` cookie), chosen before the run
 * so that both show the same content: the targeted arm in every slot for Candor, variation 1 of the matching
 * experiments for GrowthBook. Rules that need what GrowthBook does not track (pages read per section, returning
 * visitor) name attributes the site would have to supply; the bench leaves them unset, as on a first visit (what
 * tracking them would cost GrowthBook is not counted). Candor's two shadow audiences have no GrowthBook equivalent.
 *
 * Scenarios: a plain first visit (no rule matches: every slot shows its standard content) and a campaign first visit
 * (`?utm_campaign=health-autumn`: two slots personalized), each at 1× and 4× CPU throttling. Loads are interleaved
 * (every round loads every variant of every scenario, in a rotating order), each in a fresh browser context (nothing
 * stored, no HTTP or code cache), after one discarded warm-up load per variant. After each load the bench checks that
 * the slots show what both SDKs should show, and stops otherwise.
 *
 * Chromium (headless, Debian's) is driven over the DevTools protocol through `--remote-debugging-pipe` by bench/cdp.js:
 * no Playwright, and no protocol domain enabled but Page (for the load event), Emulation (throttling) and Tracing
 * (Runtime.evaluate reads the page's figures once the trace has ended, and asks whether Candor's runtime has started).
 * Playwright enables network tracking, which makes V8 collect a stack for every request and costs the page CPU time.
 *
 * Each load is traced (`devtools.timeline`, `v8.execute`, `disabled-by-default-devtools.timeline`) from before the
 * navigation to 1 s after the load event (with Candor, until its runtime has started, if that is later). CPU times are
 * thread times (`tdur`) of the renderer's main thread, which other processes on a busy machine disturb much less than
 * wall time. Under 4× throttling they include the throttler's slowdown, whose ratio drifts on a loaded machine: compare
 * 4× figures within one run only. Measures:
 * - **first pass own CPU**: script work whose function belongs to `candor.min.js` (GrowthBook: `auto.min.js`): its
 *   evaluation and every callback of it, MutationObserver callbacks while the body is parsed included;
 * - **SDK own CPU, all files**: the same over every file of the SDK (Candor: + `candor-runtime.min.js`,
 *   `candor-widget.min.js`; GrowthBook: + its inline config script);
 * - **total script CPU**: every script event of the main thread (evaluation, compilation, callbacks, microtasks), the
 *   bench's own probe excluded;
 * - **renderer main-thread CPU**: every task of the main thread from navigation start to the end of the trace;
 * - **FCP and LCP**: the page's `first-contentful-paint` and last `largest-contentful-paint` entries;
 * - **slots final**: the time of the last change inside any slot, seen by a probe (an inline MutationObserver, the
 *   first script of `<head>` in every variant): the parser's last insertion with no SDK, the SDK's last change with one;
 * - **Candor's runtime: CPU before first paint**: the CPU of `candor-runtime.min.js` (its evaluation and its
 *   callbacks) that started before the main thread committed the frame of the first contentful paint, and in how many
 *   loads it was more than 0.5 ms.
 * Figures are medians over the loads; ratios are Candor ÷ no SDK and Candor ÷ GrowthBook, and for CPU the added cost
 * (variant − no SDK) of Candor ÷ that of GrowthBook.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../test/e2e/server.js';
import { launchCdp, waitForEvent } from './cdp.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const THROTTLES = (process.env.BENCH_CPU_THROTTLE ?? '1,4').split(',').map(Number);
const VISIT_NAMES = (process.env.BENCH_VISITS ?? 'plain,campaign,next').split(',');
/** How long after the load event the trace goes on (the runtime and the SDKs' idle work must fall inside). */
const SETTLE_MS = 1000;
/** Runtime CPU before first paint above this (ms) counts as "the runtime ran before first paint" (evaluating its file does not). */
const RAN = 0.5;
const PAGE = '/examples/marketing-site/';
const root = fileURLToPath(new URL('..', import.meta.url));
const GB_FILE = `${root}node_modules/@growthbook/growthbook/dist/bundles/auto.min.js`;
const GB_VERSION = /** @type {{ version: string }} */ (JSON.parse(readFileSync(`${root}node_modules/@growthbook/growthbook/package.json`, 'utf8'))).version;

/** A directory with another build's candor.min.js and candor-runtime.min.js, loaded as a fourth variant (A/B of a change). */
const BASELINE_DIR = process.env.BENCH_BASELINE;
/**
 * The baseline first pass's build name (it hands it over as `build`). The page's config is stamped for this build
 * (examples/build.js), and a stamp names the build it was checked for, so the baseline's page carries the same stamp for
 * the baseline's build: neither variant validates the config or fetches the validator.
 */
const BASELINE_BUILD = BASELINE_DIR ? /\bbuild:"([0-9a-f]+)"/.exec(readFileSync(`${BASELINE_DIR}/candor.min.js`, 'utf8'))?.[1] : undefined;

/** @typedef {'none' | 'growthbook' | 'candor' | 'baseline'} Variant */
/** @type {Variant[]} */
const VARIANTS = ['none', 'growthbook', 'candor', ...(BASELINE_DIR ? /** @type {Variant[]} */ (['baseline']) : [])];
const VARIANT_LABEL = { none: 'no SDK', growthbook: `GrowthBook ${GB_VERSION}`, candor: 'Candor', baseline: `Candor (${String(BASELINE_DIR)})` };
const isCandor = (/** @type {Variant} */ v) => v === 'candor' || v === 'baseline';

/**
 * A visit: the query string, and the experience each personalized slot must show (slots not named show standard content).
 * `before`: a page viewed first in the same browser context, untraced (the traced load is then the visitor's next page
 * view: files from the HTTP cache, state in storage).
 * @typedef {{ name: string, label: string, query: string, campaign: string | undefined, expect: Record<string, string>, before?: string }} Visit
 */
/** @type {Visit[]} */
const ALL_VISITS = [
  { name: 'plain', label: 'plain first visit (every slot standard)', query: '', campaign: undefined, expect: {} },
  {
    name: 'campaign',
    label: 'campaign first visit (2 slots personalized)',
    query: '?utm_campaign=health-autumn',
    campaign: 'health-autumn',
    expect: { hero: 'hero-health', proof: 'proof-health' },
  },
];
ALL_VISITS.push({
  name: 'next',
  label: 'next page view of a campaign visit (the page viewed again, 2 slots personalized)',
  query: '?utm_campaign=health-autumn',
  campaign: 'health-autumn',
  expect: { hero: 'hero-health', proof: 'proof-health' },
  before: '?utm_campaign=health-autumn',
});
const VISITS = ALL_VISITS.filter((v) => VISIT_NAMES.includes(v.name));

/** Debian's Chromium: `CHROMIUM_PATH`, else `chromium` on PATH: the full browser, as visitors run it (the tests prefer `chromium-headless-shell`, see test/e2e/browser.ts). */
function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' }).toString().trim();
}

// ---- The page and its variants ----

/**
 * One section of filler content for `BENCH_EXTRA_SECTIONS`: 8 blocks of text and a list (about 40 elements), then an
 * inline script, as analytics and widget snippets sit between the sections of real marketing pages (each script ends a
 * parser task, so MutationObservers are called once per section).
 */
const EXTRA_SECTION = `<section>${'<div><p>Lorem <b>ipsum</b> dolor</p><ul><li>a</li><li>b</li></ul></div>'.repeat(8)}<script>window.__benchSections = (window.__benchSections || 0) + 1</script></section>\n`;
const EXTRA_SECTIONS = Number(process.env.BENCH_EXTRA_SECTIONS ?? 0);

// The page as `npm run build` builds it (examples/build.js inlines its config), with any extra sections.
const SOURCE = readFileSync(`${root}dist/examples/marketing-site/index.html`, 'utf8').replace('</body>', `${EXTRA_SECTION.repeat(EXTRA_SECTIONS)}</body>`);
const CONFIG_BLOCK = /[ \t]*<!--[^\n]*-->\n[ \t]*<script type="application\/json" id="candor-config">([\s\S]*?)<\/script>\n/;
const LOADER_TAG = /[ \t]*<script src="\/dist\/candor\.min\.js"([^>]*)><\/script>\n/;
const configMatch = CONFIG_BLOCK.exec(SOURCE);
const loaderMatch = LOADER_TAG.exec(SOURCE);
if (!configMatch?.[1] || !loaderMatch) throw new Error(`bench/browser.js: ${PAGE}index.html no longer has the config block and script tag this bench expects: update CONFIG_BLOCK / LOADER_TAG`);
/** The page's Candor config. @type {any} */
const CONFIG = JSON.parse(configMatch[1]);

/** The probe: records when anything inside a slot last changed (`window.__benchSlots`), for "slots final". */
const PROBE = `(() => {
  const last = {};
  const slotOf = new WeakMap();
  window.__benchSlots = last;
  new MutationObserver(function benchProbe(records) {
    const now = performance.now();
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (!el) continue;
      let slot = slotOf.get(el);
      if (slot === undefined) slotOf.set(el, (slot = el.closest('[data-candor-slot]')));
      if (slot) last[slot.getAttribute('data-candor-slot')] = now;
    }
  }).observe(document, { childList: true, subtree: true });
})();
//# sourceURL=bench-probe.js`;

/** Inner HTML of `<template data-candor-experience="id">` or `<template id="id">` in the page. */
function templateHtml(/** @type {string} */ attr, /** @type {string} */ id) {
  const m = new RegExp(`<template ${attr}="${id}">([\\s\\S]*?)</template>`).exec(SOURCE);
  if (!m?.[1]) throw new Error(`bench/browser.js: no <template ${attr}="${id}"> in the page`);
  return m[1].trim();
}

const escapeHtml = (/** @type {string} */ s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Candor signals → GrowthBook attributes (auto attributes where GrowthBook has one, else what the site would supply). */
const GB_ATTRIBUTE = { 'utm.campaign': 'utmCampaign', 'pages.docs': 'docsPages', 'visit.returning': 'returningVisitor' };

/** A Candor audience rule as a GrowthBook condition (the operators used here mean the same in both). */
function gbCondition(/** @type {Record<string, unknown>} */ when) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [signal, test] of Object.entries(when)) {
    const attr = /** @type {Record<string, string>} */ (GB_ATTRIBUTE)[signal];
    if (!attr) throw new Error(`bench/browser.js: no GrowthBook attribute for the signal ${signal}: add it to GB_ATTRIBUTE`);
    out[attr] = test;
  }
  return out;
}

/** GrowthBook's payload: one visual experiment per Candor experience of a non-shadow audience. */
function gbPayload() {
  const experiments = [];
  for (const [slot, s] of Object.entries(/** @type {Record<string, any>} */ (CONFIG.slots))) {
    for (const e of s.experiences) {
      const audience = CONFIG.audiences[e.audience];
      const inSlot = `[data-candor-slot="${slot}"]`;
      /** @type {{ selector: string, action: string, attribute: string, value: string }[]} */
      const domMutations = [];
      if (e.changes) {
        for (const c of e.changes) {
          const selector = `${inSlot} ${String(c.selector)}`;
          if (c.text !== undefined) domMutations.push({ selector, action: 'set', attribute: 'html', value: escapeHtml(c.text) });
          if (c.template !== undefined) domMutations.push({ selector, action: 'set', attribute: 'html', value: templateHtml('id', c.template) });
          for (const [name, value] of Object.entries(c.attrs ?? {})) domMutations.push({ selector, action: 'set', attribute: name, value: String(value) });
        }
      } else {
        domMutations.push({ selector: inSlot, action: 'set', attribute: 'html', value: templateHtml('data-candor-experience', e.id) });
      }
      experiments.push({
        key: e.id,
        changeId: e.id,
        hashAttribute: 'id',
        urlPatterns: [{ include: true, type: 'simple', pattern: PAGE }],
        condition: gbCondition(audience.when),
        coverage: 1 - CONFIG.holdout,
        weights: [s.control + s.explore, 1 - s.control - s.explore],
        variations: [{}, { domMutations }],
      });
    }
  }
  return { features: {}, experiments };
}

/**
 * A variant's page: the probe first in `<head>`, then what the variant loads.
 * @param {Variant} variant
 * @param {string} visitorId
 */
function variantHtml(variant, visitorId) {
  let html = SOURCE.replace('<head>\n', `<head>\n  <script>${PROBE}\n</script>\n`);
  if (variant === 'none') return html.replace(CONFIG_BLOCK, '').replace(LOADER_TAG, '');
  if (isCandor(variant)) {
    const src = variant === 'baseline' ? '/bench/baseline/candor.min.js' : '/dist/candor.min.js';
    if (variant === 'baseline' && BASELINE_BUILD) html = html.replace(/("checked":\s*")[0-9a-f]+:/, `$1${BASELINE_BUILD}:`);
    return html.replace(LOADER_TAG, (tag) => tag.replace('<script ', `<script data-visitor-id="${visitorId}" `).replace('/dist/candor.min.js', src));
  }
  const config = `window.growthbook_config = ${JSON.stringify({ payload: gbPayload() })};\n//# sourceURL=growthbook-config.js`;
  html = html.replace(CONFIG_BLOCK, `  <script>${config}\n</script>\n`);
  return html.replace(LOADER_TAG, '  <script src="/bench/growthbook/auto.min.js"></script>\n');
}

/** The 1-based line of the first inline `<script>` whose text starts with `start` (EvaluateScript names inline scripts by line). */
function inlineScriptLine(/** @type {string} */ html, /** @type {string} */ start) {
  const at = html.indexOf(`<script>${start}`);
  return at < 0 ? -1 : html.slice(0, at).split('\n').length;
}

/**
 * Picks a visitor id for which both SDKs show the targeted content on every visit: Candor's targeted arm in every slot,
 * GrowthBook's variation 1 in the experiments whose condition matches the campaign.
 */
async function pickVisitorId() {
  /** @type {typeof import('../src/core/index.js')} */
  const core = await import(pathToFileURL(`${root}dist/core.js`).href);
  const { GrowthBook } = await import('@growthbook/growthbook');
  const { config, errors } = core.validateConfig(CONFIG);
  if (!config || errors.length) throw new Error(`bench/browser.js: the page's config is invalid: ${JSON.stringify(errors)}`);
  const payload = gbPayload();
  for (let n = 0; n < 10000; n++) {
    const id = `bench-visitor-${String(n)}`;
    const candorOk = VISITS.every((v) =>
      Object.keys(config.slots).every((slot) => {
        const d = core.decide({ config, slot, visitorId: id, signals: v.campaign ? { 'utm.campaign': v.campaign } : {}, consent: { tier: 'relationship', gpc: false } });
        return d.arm === 'targeted' && d.experience === (v.expect[slot] ?? 'baseline');
      }),
    );
    if (!candorOk) continue;
    const gbOk = VISITS.every((v) => {
      const gb = new GrowthBook({ attributes: { id, utmCampaign: v.campaign }, url: `http://127.0.0.1${PAGE}${v.query}` });
      return payload.experiments.every((exp) => {
        const r = gb.run(/** @type {any} */ (exp));
        const want = Object.values(v.expect).includes(exp.key);
        return want ? r.inExperiment && r.variationId === 1 : !r.inExperiment || r.variationId === 0;
      });
    });
    if (gbOk) return id;
  }
  throw new Error('bench/browser.js: found no visitor id that both SDKs personalize: check the payload');
}

// ---- One load ----

/**
 * One load's figures (ms).
 * @typedef {{ firstPass: number, sdk: number, script: number, thread: number, fcp: number, lcp: number, slots: number, runtimeBeforePaint: number }} Load
 */

/** Trace events of the main thread that are script work. */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'RunMicrotasks', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'v8.produceCache']);

/**
 * @typedef {{ name: string, ts: number, dur: number, tdur: number, pid: number, tid: number, ph: string, args: any }} TraceEvent
 */

/**
 * Reads one load's trace.
 * @param {TraceEvent[]} events
 * @param {string} pageUrl
 * @param {(event: TraceEvent) => string} owner which file a script event belongs to ('' for the page, 'probe' for the bench)
 */
function readTrace(events, pageUrl, owner) {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl);
  if (!parse) throw new Error('bench/browser.js: the trace has no ParseHTML of the page');
  const main = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid);
  const navStart = main.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === pageUrl)?.ts ?? parse.ts;
  // First paint as the main thread sees it: the end of the commit of the frame that became the first contentful paint
  // (the trace's firstContentfulPaint is that frame's presentation, later, while the main thread may already be idle).
  const fcpTs = main.find((e) => e.name === 'firstContentfulPaint' && e.ts >= navStart)?.ts ?? Infinity;
  const commits = main.filter((e) => e.name === 'Commit' && e.ph === 'X' && e.ts >= navStart && e.ts < fcpTs);
  const fcp = commits.length ? Math.max(...commits.map((e) => e.ts + e.dur)) : fcpTs;
  let thread = 0;
  for (const e of main) if (e.ph === 'X' && e.name === 'RunTask' && e.ts >= navStart) thread += e.tdur ?? 0;
  // Script events nest; each one's own time (its thread time minus its script children's) goes to its file, or to the
  // file of the script event it runs inside (microtasks: promise callbacks have no event of their own).
  const scripts = main.filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name) && e.ts >= navStart).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  /** @type {Map<string, number>} */
  const byOwner = new Map();
  /** @typedef {{ ts: number, end: number, owner: string, child: number, tdur: number }} Frame */
  /** @type {Frame[]} */
  const stack = [];
  let runtimeBeforePaint = 0;
  const close = () => {
    const top = /** @type {Frame} */ (stack.pop());
    const self = Math.max(0, top.tdur - top.child);
    byOwner.set(top.owner, (byOwner.get(top.owner) ?? 0) + self);
    if (top.owner === 'candor-runtime.min.js' && top.ts < fcp) runtimeBeforePaint += self;
    const parent = stack.at(-1);
    if (parent) parent.child += top.tdur;
  };
  let total = 0;
  for (const e of scripts) {
    while (stack.length && (stack.at(-1)?.end ?? 0) <= e.ts) close();
    const parent = stack.at(-1);
    if (!parent) total += e.tdur ?? 0;
    stack.push({ ts: e.ts, end: e.ts + e.dur, owner: owner(e) || parent?.owner || '(microtasks)', child: 0, tdur: e.tdur ?? 0 });
  }
  while (stack.length) close();
  return { thread: thread / 1000, total: total / 1000, byOwner, runtimeBeforePaint: runtimeBeforePaint / 1000 };
}

/**
 * Loads the page once in a fresh context and returns its figures.
 * @param {import('./cdp.js').Cdp} cdp
 * @param {string} origin
 * @param {Variant} variant
 * @param {Visit} visit
 * @param {number} throttle
 * @param {string} visitorId
 * @returns {Promise<Load>}
 */
async function loadOnce(cdp, origin, variant, visit, throttle, visitorId) {
  const pageUrl = `${origin}${PAGE}${visit.query}${visit.query ? '&' : '?'}bench=${variant}`;
  const { browserContextId } = await cdp.send('Target.createBrowserContext', { disposeOnDetach: true });
  try {
    if (variant === 'growthbook') {
      await cdp.send('Storage.setCookies', { browserContextId, cookies: [{ name: 'gbuuid', value: visitorId, url: origin, path: '/' }] });
    }
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    await cdp.send('Page.enable', {}, sessionId);
    if (visit.before !== undefined) {
      // The visitor's earlier page view: untraced, unthrottled, and over once the SDK has finished its start-up.
      const earlier = waitForEvent(cdp, 'Page.loadEventFired', sessionId, 60_000);
      await cdp.send('Page.navigate', { url: `${origin}${PAGE}${visit.before}${visit.before ? '&' : '?'}bench=${variant}` }, sessionId);
      await earlier;
      for (let waited = 0; isCandor(variant) && waited < 5000; waited += 100) {
        const { result: started } = await cdp.send('Runtime.evaluate', { expression: "'candor' in window", returnByValue: true }, sessionId);
        if (started.value === true) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle }, sessionId);
    /** @type {TraceEvent[]} */
    const events = [];
    const off = cdp.on((method, params) => {
      if (method === 'Tracing.dataCollected') for (const e of params.value) events.push(e);
    });
    await cdp.send(
      'Tracing.start',
      {
        traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'] },
        transferMode: 'ReportEvents',
      },
      sessionId,
    );
    const loaded = waitForEvent(cdp, 'Page.loadEventFired', sessionId, 60_000);
    await cdp.send('Page.navigate', { url: pageUrl }, sessionId);
    await loaded;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    // Candor's runtime starts after first paint, when the main thread is idle: on a slow load that can be later.
    for (let waited = 0; isCandor(variant) && waited < 5000; waited += 250) {
      const { result: started } = await cdp.send('Runtime.evaluate', { expression: "'candor' in window", returnByValue: true }, sessionId);
      if (started.value === true) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const complete = waitForEvent(cdp, 'Tracing.tracingComplete', undefined, 60_000);
    await cdp.send('Tracing.end', {}, sessionId);
    await complete;
    off();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }, sessionId);
    const { result } = await cdp.send(
      'Runtime.evaluate',
      {
        awaitPromise: true,
        returnByValue: true,
        expression: `new Promise((resolve) => {
          let lcp = NaN;
          new PerformanceObserver((list) => { for (const e of list.getEntries()) lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => {
            const slots = {};
            for (const el of document.querySelectorAll('[data-candor-slot]')) slots[el.getAttribute('data-candor-slot')] = (el.querySelector('h1, h2') || el).textContent.trim();
            resolve({
              fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
              lcp,
              changed: window.__benchSlots,
              slots,
              candor: !!window.candor,
            });
          }, 100);
        })`,
      },
      sessionId,
    );
    /** @type {{ fcp: number, lcp: number, changed: Record<string, number>, slots: Record<string, string>, candor: boolean }} */
    const page = result.value;
    checkSlots(page.slots, variant, visit);
    if (isCandor(variant) && !page.candor) throw new Error(`bench/browser.js: Candor's runtime had not started ${String(SETTLE_MS + 5000)} ms after the load event`);
    const probeLine = inlineScriptLine(variantHtml(variant, visitorId), '(() =>');
    const gbConfigLine = inlineScriptLine(variantHtml(variant, visitorId), 'window.growthbook_config');
    const owner = (/** @type {TraceEvent} */ e) => {
      const url = String(e.args?.data?.url ?? '');
      if (url === 'bench-probe.js') return 'probe';
      if (url === 'growthbook-config.js') return 'growthbook-config';
      if (url === pageUrl) {
        const line = e.args?.data?.lineNumber;
        return line === probeLine ? 'probe' : line === gbConfigLine ? 'growthbook-config' : 'page';
      }
      return url.slice(url.lastIndexOf('/') + 1);
    };
    const trace = readTrace(events, pageUrl, owner);
    if (process.env.BENCH_DEBUG) console.error(variant, visit.name, `${String(throttle)}×`, Object.fromEntries([...trace.byOwner].map(([k, us]) => [k, (us / 1000).toFixed(2)])));
    const own = (/** @type {string[]} */ files) => files.reduce((sum, f) => sum + (trace.byOwner.get(f) ?? 0), 0) / 1000;
    const firstFile = isCandor(variant) ? 'candor.min.js' : variant === 'growthbook' ? 'auto.min.js' : '';
    const files = isCandor(variant) ? ['candor.min.js', 'candor-runtime.min.js', 'candor-widget.min.js', 'candor-explain.min.js', 'candor-check.min.js'] : variant === 'growthbook' ? ['auto.min.js', 'growthbook-config'] : [];
    const probe = own(['probe']);
    return {
      firstPass: own([firstFile]),
      sdk: own(files),
      script: trace.total - probe,
      thread: trace.thread,
      fcp: page.fcp,
      lcp: page.lcp,
      slots: Math.max(...Object.values(page.changed ?? {})),
      runtimeBeforePaint: trace.runtimeBeforePaint,
    };
  } finally {
    await cdp.send('Target.disposeBrowserContext', { browserContextId });
  }
}

/** The headline each slot shows with its standard content, and with each experience. */
const HEADLINES = (() => {
  /** @type {Record<string, string>} */
  const out = {};
  const first = (/** @type {string} */ html) => /<h[12][^>]*>([\s\S]*?)<\/h[12]>/.exec(html)?.[1]?.trim() ?? '';
  for (const [slot, s] of Object.entries(/** @type {Record<string, any>} */ (CONFIG.slots))) {
    const standard = new RegExp(`data-candor-slot="${slot}">([\\s\\S]*?)<template`).exec(SOURCE)?.[1] ?? '';
    out[`${slot}:baseline`] = first(standard);
    for (const e of s.experiences) if (!e.changes) out[`${slot}:${String(e.id)}`] = first(templateHtml('data-candor-experience', e.id));
  }
  return out;
})();

/** Stops the bench when a variant does not show what it should (a broken build, a payload that does not apply). */
function checkSlots(/** @type {Record<string, string>} */ slots, /** @type {Variant} */ variant, /** @type {Visit} */ visit) {
  for (const [slot, text] of Object.entries(slots)) {
    const experience = variant === 'none' ? 'baseline' : (visit.expect[slot] ?? 'baseline');
    const want = HEADLINES[`${slot}:${experience}`];
    if (want !== text) throw new Error(`bench/browser.js: ${VARIANT_LABEL[variant]}, ${visit.name} visit: slot "${slot}" shows "${text}", expected "${String(want)}" (${experience})`);
  }
}

const median = (/** @type {number[]} */ xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2) : NaN;
};

/**
 * One row of a scenario's table (medians, ms; `cpu` rows also compare added costs).
 * @typedef {{ measure: string, none: number | null, growthbook: number, candor: number, baseline: number | null, cpu: boolean }} BrowserRow
 */

/**
 * One scenario's results.
 * @typedef {{ visit: string, label: string, throttle: number, rows: BrowserRow[], runtimeBeforePaint: number, baselineRuntimeBeforePaint: number, loads: number }} Scenario
 */

/**
 * Runs the browser bench.
 * @returns {Promise<{ runs: number, chromium: string, loadAverage: number[], scenarios: Scenario[] }>}
 */
export async function runBrowserBench() {
  const visitorId = await pickVisitorId();
  const pages = Object.fromEntries(VARIANTS.map((v) => [v, variantHtml(v, visitorId)]));
  const gbScript = readFileSync(GB_FILE);
  const server = await startServer({
    handle: (_req, res, url) => {
      const variant = url.searchParams.get('bench');
      if (url.pathname === PAGE && variant && variant in pages) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(pages[variant]);
        return true;
      }
      if (BASELINE_DIR && url.pathname.startsWith('/bench/baseline/')) {
        const file = url.pathname.slice('/bench/baseline/'.length);
        if (!/^candor(-runtime|-widget|-check|-explain)?\.min\.js$/.test(file)) return false;
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(readFileSync(`${BASELINE_DIR}/${file}`));
        return true;
      }
      if (url.pathname === '/bench/growthbook/auto.min.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(gbScript);
        return true;
      }
      return false;
    },
  });
  const cdp = await launchCdp(chromiumPath());
  try {
    const { product } = await cdp.send('Browser.getVersion');
    const first = VISITS[0];
    if (!first) throw new Error('bench/browser.js: BENCH_VISITS names no visit (plain, campaign)');
    for (const v of VARIANTS) await loadOnce(cdp, server.origin, v, first, 1, visitorId); // warm-up: server, disk cache of the files
    /** @type {{ visit: Visit, throttle: number }[]} */
    const scenarios = VISITS.flatMap((visit) => THROTTLES.map((throttle) => ({ visit, throttle })));
    /** @type {Map<string, Load[]>} */
    const loads = new Map();
    const key = (/** @type {Visit} */ visit, /** @type {number} */ throttle, /** @type {Variant} */ v) => `${visit.name}|${String(throttle)}|${v}`;
    for (let round = 0; round < RUNS; round++) {
      for (const { visit, throttle } of scenarios) {
        for (let i = 0; i < VARIANTS.length; i++) {
          const v = /** @type {Variant} */ (VARIANTS[(i + round) % VARIANTS.length]);
          const started = Date.now();
          const load = await loadOnce(cdp, server.origin, v, visit, throttle, visitorId);
          if (process.env.BENCH_DEBUG) console.error(`${v} ${visit.name} ${String(throttle)}×: ${String(Date.now() - started)} ms`);
          const k = key(visit, throttle, v);
          loads.set(k, [...(loads.get(k) ?? []), load]);
        }
      }
      if (!process.argv.includes('--json')) process.stderr.write(`round ${String(round + 1)}/${String(RUNS)}\r`);
    }
    return {
      runs: RUNS,
      chromium: product,
      loadAverage: loadavg(),
      scenarios: scenarios.map(({ visit, throttle }) => {
        const m = (/** @type {Variant} */ v, /** @type {keyof Load} */ field) => median((loads.get(key(visit, throttle, v)) ?? []).map((l) => Number(l[field])));
        /** @type {(measure: string, field: keyof Load, cpu: boolean, hasNone?: boolean) => BrowserRow} */
        const row = (measure, field, cpu, hasNone = true) => ({
          measure,
          none: hasNone ? m('none', field) : null,
          growthbook: m('growthbook', field),
          candor: m('candor', field),
          baseline: BASELINE_DIR ? m('baseline', field) : null,
          cpu,
        });
        const candorLoads = loads.get(key(visit, throttle, 'candor')) ?? [];
        return {
          visit: visit.name,
          label: visit.label,
          throttle,
          loads: candorLoads.length,
          runtimeBeforePaint: candorLoads.filter((l) => l.runtimeBeforePaint > RAN).length,
          baselineRuntimeBeforePaint: (loads.get(key(visit, throttle, 'baseline')) ?? []).filter((l) => l.runtimeBeforePaint > RAN).length,
          rows: [
            row('first pass own CPU (GrowthBook: auto.min.js)', 'firstPass', true, false),
            row('SDK own CPU, all its files', 'sdk', true, false),
            row('total script CPU, main thread', 'script', true),
            row('renderer main-thread CPU (all tasks)', 'thread', true),
            row('First Contentful Paint', 'fcp', false),
            row('Largest Contentful Paint', 'lcp', false),
            row('slots final (last change inside a slot)', 'slots', false),
            row("Candor's runtime: CPU before first paint", 'runtimeBeforePaint', true, false),
          ],
        };
      }),
    };
  } finally {
    await cdp.close();
    await server.close();
  }
}

/** Formats a ratio; '' when it means nothing. */
const ratio = (/** @type {number} */ a, /** @type {number} */ b) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}×` : '');

/**
 * The table of one scenario, as lines of cells.
 * @param {Scenario} s
 */
export function scenarioLines(s) {
  const ab = s.rows.some((r) => r.baseline !== null);
  const head = [`${s.label}, ${String(s.throttle)}× CPU`, 'no SDK', 'GrowthBook', 'Candor', 'Candor ÷ no SDK', 'Candor ÷ GrowthBook', 'added: Candor ÷ GrowthBook'];
  const lines = [ab ? [...head, 'baseline build', 'Candor ÷ baseline'] : head];
  for (const r of s.rows) {
    const none = r.none ?? 0;
    const line = [
      `  ${r.measure}`,
      r.none === null ? '' : `${r.none.toFixed(1)} ms`,
      `${r.growthbook.toFixed(1)} ms`,
      `${r.candor.toFixed(1)} ms`,
      r.none === null ? '' : ratio(r.candor, r.none),
      ratio(r.candor, r.growthbook),
      r.none === null ? '' : `${ratio(r.candor - none, r.growthbook - none)} (+${(r.candor - none).toFixed(1)} vs +${(r.growthbook - none).toFixed(1)} ms)`,
    ];
    if (ab) line.push(`${(r.baseline ?? NaN).toFixed(1)} ms`, ratio(r.candor, r.baseline ?? NaN));
    lines.push(line);
  }
  const before = [`  loads where Candor's runtime used > ${String(RAN)} ms CPU before first paint`, '', '', `${String(s.runtimeBeforePaint)} of ${String(s.loads)}`, '', '', ''];
  lines.push(ab ? [...before, `${String(s.baselineRuntimeBeforePaint)} of ${String(s.loads)}`, ''] : before);
  return lines;
}

/** @param {string[][]} lines */
export function formatTable(lines) {
  const width = lines[0]?.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length))) ?? [];
  return lines.map((l) => l.map((cell, i) => (i ? cell.padStart(width[i] ?? 0) : cell.padEnd(width[i] ?? 0))).join('  ')).join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const result = await runBrowserBench();
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(result));
    } else {
      console.log(`${result.chromium} headless over CDP (no Playwright), ${PAGE}${EXTRA_SECTIONS ? ` with ${String(EXTRA_SECTIONS)} extra sections` : ""}, ${String(result.runs)} fresh-context loads per variant and scenario, interleaved; medians; CPU = main-thread thread time from the trace; load average ${result.loadAverage.map((x) => x.toFixed(1)).join(' ')}\n`);
      for (const s of result.scenarios) console.log(formatTable(scenarioLines(s)) + '\n');
    }
  } catch (e) {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 1;
  }
}
