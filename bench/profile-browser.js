// @ts-check
/**
 * Where Candor's script-tag files spend their CPU in a real browser (a profiling tool, not a bench: it prints where the
 * time goes, it compares nothing). Loads the example page (`dist/examples/marketing-site/`) in fresh contexts with
 * V8's sampling profiler on, maps every sample inside candor*.min.js back to its source file and function through the
 * source maps, and prints self time summed over the loads.
 *
 *   npm run build && node bench/profile-browser.js [--runs 20] [--campaign] [--next] [--throttle 4] [--top 40]
 *
 * `--next`: the profiled load is the visitor's next page view (the same page loaded once before in the same context).
 *
 * Sampling adds overhead of its own, so read the shares, not the absolute milliseconds; bench/browser.js has the figures.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sourceMap from 'source-map-js';
import { startServer } from '../test/e2e/server.js';
import { launchCdp, waitForEvent } from './cdp.js';

const args = process.argv.slice(2);
const option = (/** @type {string} */ name, /** @type {string} */ fallback) => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback);
const RUNS = Number(option('--runs', '20'));
const THROTTLE = Number(option('--throttle', '1'));
const TOP = Number(option('--top', '40'));
const QUERY = args.includes('--campaign') ? '?utm_campaign=health-autumn' : '';
const NEXT = args.includes('--next');
const PAGE = '/dist/examples/marketing-site/';
const root = fileURLToPath(new URL('..', import.meta.url));
const FILES = ['candor.min.js', 'candor-runtime.min.js'];

/** @type {Map<string, import('source-map-js').SourceMapConsumer>} */
const maps = new Map(FILES.map((f) => [f, new sourceMap.SourceMapConsumer(JSON.parse(readFileSync(`${root}dist/${f}.map`, 'utf8')))]));

/** Source file and enclosing function of a position in a built file (the minified name when the map has none). */
function where(/** @type {string} */ file, /** @type {number} */ line, /** @type {number} */ column, /** @type {string} */ name) {
  const map = maps.get(file);
  if (!map || line < 0) return { source: file, fn: name || '(top level)' };
  const pos = map.originalPositionFor({ line: line + 1, column });
  const source = (pos.source ?? file).replace(/^(\.\.\/)+/, '');
  return { source, fn: `${pos.name ?? (name || '(anonymous)')} @${String(pos.line ?? '?')}` };
}

const chromium = process.env.CHROMIUM_PATH ?? execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' }).toString().trim();
const server = await startServer({ handle: () => false });
const cdp = await launchCdp(chromium);
/** @type {Map<string, number>} */ const bySource = new Map();
/** @type {Map<string, number>} */ const byFunction = new Map();
/** @type {Map<string, number>} */ const byFile = new Map();
const add = (/** @type {Map<string, number>} */ m, /** @type {string} */ k, /** @type {number} */ us) => m.set(k, (m.get(k) ?? 0) + us);
try {
  for (let run = 0; run < RUNS + 1; run++) {
    const { browserContextId } = await cdp.send('Target.createBrowserContext', { disposeOnDetach: true });
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    await cdp.send('Page.enable', {}, sessionId);
    if (NEXT) {
      const earlier = waitForEvent(cdp, 'Page.loadEventFired', sessionId, 60_000);
      await cdp.send('Page.navigate', { url: `${server.origin}${PAGE}${QUERY}` }, sessionId);
      await earlier;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await cdp.send('Profiler.enable', {}, sessionId);
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 }, sessionId);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE }, sessionId);
    await cdp.send('Profiler.start', {}, sessionId);
    const loaded = waitForEvent(cdp, 'Page.loadEventFired', sessionId, 60_000);
    await cdp.send('Page.navigate', { url: `${server.origin}${PAGE}${QUERY}` }, sessionId);
    await loaded;
    for (let waited = 0; waited < 5000; waited += 100) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: "'candor' in window", returnByValue: true }, sessionId);
      if (result.value === true) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    const { profile } = await cdp.send('Profiler.stop', {}, sessionId);
    await cdp.send('Target.disposeBrowserContext', { browserContextId });
    if (run === 0) continue; // warm-up: the server and the disk cache
    /** @type {Map<number, any>} */
    const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
    profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
      const frame = nodes.get(id)?.callFrame;
      const us = profile.timeDeltas[i + 1] ?? 0;
      const file = String(frame?.url ?? '').split('/').pop() ?? '';
      if (!FILES.includes(file)) return;
      add(byFile, file, us);
      const { source, fn } = where(file, frame.lineNumber, frame.columnNumber, frame.functionName);
      add(bySource, `${file}  ${source}`, us);
      add(byFunction, `${source}  ${fn}`, us);
    });
  }
} finally {
  await cdp.close();
  await server.close();
}

const print = (/** @type {string} */ title, /** @type {Map<string, number>} */ m, /** @type {number} */ top) => {
  console.log(`\n${title} (self time, ms per load, ${String(RUNS)} loads, ${String(THROTTLE)}× CPU${QUERY ? ', campaign visit' : ''})`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000 / RUNS).toFixed(3).padStart(8)}  ${k}`);
};
console.log(NEXT ? '\nnext page view' : '\nfirst visit');
print('By file', byFile, 10);
print('By source module', bySource, TOP);
print('By function', byFunction, TOP);
