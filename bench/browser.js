// @ts-check
/**
 * Candor in a real browser (not a test: it prints figures). Chromium through playwright-core, 4× CPU throttling,
 * on examples/marketing-site/ served by test/e2e/server.js, with and without Candor's script tag.
 *
 *   npm run build && node bench/browser.js          # table
 *   node bench/browser.js --json                     # results as JSON (used by bench/run.js)
 *   BENCH_RUNS=25 node bench/browser.js              # more runs (default 15 per variant)
 *   BENCH_CPU_THROTTLE=1 node bench/browser.js       # no CPU throttling (default 4×)
 *
 * Each run is a fresh browser context (a first visit: nothing stored), runs alternate with / without. The page is
 * rewritten on the fly with page.route: an inline `performance.mark('bench-start')` just before the loader's tag and a
 * `performance.mark('bench-body-end')` before `</body>`; the "without" variant also has the loader's tag removed.
 * Measures (medians):
 * - script main-thread time: CDP `Performance.getMetrics` ScriptDuration at load + 500 ms; Candor's = with − without
 *   (both script-tag files: the first pass and the runtime it loads).
 * - first pass synchronous run: from `bench-start` to a `bench-sync-end` mark inserted right after the script tag of
 *   `candor.min.js` (includes the localhost fetch of the file): what the page waits for in `<head>`.
 * - runtime ready: from `bench-start` to the moment `window.candor` is set (the runtime has validated the config and
 *   logged the exposures).
 * - start to all slots final: from `bench-start` to the later of the last slot parsed (`bench-body-end`) and, with
 *   Candor, the last `candor:decision` event of the page's slots.
 * - Largest Contentful Paint (startTime of the last `largest-contentful-paint` entry).
 */
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../test/e2e/server.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** CPU throttling rate (CDP `Emulation.setCPUThrottlingRate`); 4 unless `BENCH_CPU_THROTTLE` says otherwise. */
const THROTTLE = Number(process.env.BENCH_CPU_THROTTLE ?? 4);
const PAGE = '/examples/marketing-site/';
const LOADER_TAG = /<script[^>]*src="[^"]*candor\.min\.js"[^>]*><\/script>/;

/** Debian's Chromium: `CHROMIUM_PATH`, else `chromium` on PATH (as test/e2e/browser.ts). */
function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' }).toString().trim();
}

/**
 * One page load's figures.
 * @typedef {{ scriptMs: number, syncMs: number, slotsMs: number, lcpMs: number, readyMs: number, decisions: number }} RunResult
 */

/**
 * Loads the example page once.
 * @param {import('playwright-core').Browser} browser
 * @param {string} origin
 * @param {boolean} withCandor
 * @returns {Promise<RunResult>}
 */
async function loadOnce(browser, origin, withCandor) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(`${origin}${PAGE}`, async (route) => {
      const response = await route.fetch();
      let html = await response.text();
      const tag = LOADER_TAG.exec(html)?.[0];
      if (!tag) throw new Error(`bench/browser.js: no candor.min.js script tag in ${PAGE}: update LOADER_TAG`);
      const start = '<script>performance.mark("bench-start")</script>';
      const end = '<script>performance.mark("bench-sync-end")</script>';
      html = html.replace(tag, withCandor ? start + tag + end : start + end);
      html = html.replace('</body>', '<script>performance.mark("bench-body-end")</script></body>');
      await route.fulfill({ response, body: html, headers: { ...response.headers(), 'content-length': String(Buffer.byteLength(html)) } });
    });
    await page.addInitScript(() => {
      /** @type {number[]} */
      const decisions = [];
      /** @type {number[]} */
      const lcp = [];
      /** @type {number[]} */
      const ready = [];
      Object.assign(window, { __bench: { decisions, lcp, ready } });
      // Notes when the runtime sets window.candor, and keeps the value.
      /** @type {unknown} */
      let candor;
      Object.defineProperty(window, 'candor', {
        configurable: true,
        get: () => candor,
        set: (value) => {
          ready.push(performance.now());
          candor = value;
        },
      });
      document.addEventListener('candor:decision', () => decisions.push(performance.now()));
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) lcp.push(e.startTime);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await cdp.send('Performance.enable');
    await page.goto(`${origin}${PAGE}`, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const scriptMs = (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN) * 1000;
    const figures = await page.evaluate(() => {
      const w = /** @type {{ __bench: { decisions: number[], lcp: number[], ready: number[] } }} */ (/** @type {unknown} */ (window));
      const mark = (/** @type {string} */ name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? NaN;
      const slots = document.querySelectorAll('[data-candor-slot]').length;
      const start = mark('bench-start');
      const lastDecision = w.__bench.decisions.length >= slots ? Math.max(...w.__bench.decisions.slice(0, slots)) : NaN;
      return {
        syncMs: mark('bench-sync-end') - start,
        bodyEnd: mark('bench-body-end') - start,
        lastDecision: lastDecision - start,
        lcpMs: w.__bench.lcp.at(-1) ?? NaN,
        readyMs: (w.__bench.ready[0] ?? NaN) - start,
        decisions: w.__bench.decisions.length,
        slots,
      };
    });
    if (withCandor && figures.decisions < figures.slots) {
      throw new Error(`bench/browser.js: Candor decided ${figures.decisions} of the page's ${figures.slots} slots: is the build broken?`);
    }
    return {
      scriptMs,
      syncMs: figures.syncMs,
      slotsMs: withCandor ? Math.max(figures.bodyEnd, figures.lastDecision) : figures.bodyEnd,
      lcpMs: figures.lcpMs,
      readyMs: figures.readyMs,
      decisions: figures.decisions,
    };
  } finally {
    await context.close();
  }
}

const median = (/** @type {number[]} */ xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2) : NaN;
};

/**
 * Runs the browser bench.
 * @returns {Promise<{ runs: number, throttle: number, rows: { measure: string, with: number, without: number | null, unit: string }[] }>}
 */
export async function runBrowserBench() {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    await loadOnce(browser, server.origin, true); // warm-up: the server's file cache, Chromium's code cache
    /** @type {RunResult[]} */
    const withRuns = [];
    /** @type {RunResult[]} */
    const withoutRuns = [];
    for (let i = 0; i < RUNS; i++) {
      withRuns.push(await loadOnce(browser, server.origin, true));
      withoutRuns.push(await loadOnce(browser, server.origin, false));
    }
    const m = (/** @type {RunResult[]} */ runs, /** @type {keyof RunResult} */ key) => median(runs.map((r) => r[key]));
    return {
      runs: RUNS,
      throttle: THROTTLE,
      rows: [
        { measure: 'script main-thread time (ScriptDuration)', with: m(withRuns, 'scriptMs'), without: m(withoutRuns, 'scriptMs'), unit: 'ms' },
        { measure: "Candor's main-thread time, both files (with − without)", with: m(withRuns, 'scriptMs') - m(withoutRuns, 'scriptMs'), without: null, unit: 'ms' },
        { measure: 'first pass in <head>, synchronous (fetch + parse + run)', with: m(withRuns, 'syncMs'), without: m(withoutRuns, 'syncMs'), unit: 'ms' },
        { measure: 'first pass start to all slots final', with: m(withRuns, 'slotsMs'), without: m(withoutRuns, 'slotsMs'), unit: 'ms' },
        { measure: 'first pass start to runtime ready (window.candor)', with: m(withRuns, 'readyMs'), without: null, unit: 'ms' },
        { measure: 'Largest Contentful Paint', with: m(withRuns, 'lcpMs'), without: m(withoutRuns, 'lcpMs'), unit: 'ms' },
      ],
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const result = await runBrowserBench();
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(result));
    } else {
      console.log(`Chromium headless, ${String(THROTTLE)}× CPU throttling, ${PAGE}, ${result.runs} runs each, medians\n`);
      const lines = [['measure', 'with Candor', 'without', 'difference']];
      for (const r of result.rows) {
        lines.push([r.measure, `${r.with.toFixed(1)} ms`, r.without === null ? '' : `${r.without.toFixed(1)} ms`, r.without === null ? '' : `${(r.with - r.without).toFixed(1)} ms`]);
      }
      const width = lines[0]?.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length))) ?? [];
      for (const l of lines) console.log(l.map((cell, i) => (i ? cell.padStart(width[i] ?? 0) : cell.padEnd(width[i] ?? 0))).join('  '));
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}
