// @ts-check
/**
 * What one `navigator.sendBeacon` costs the page's main thread in Chromium, by the type of its body: the same JSON as
 * a string (what Candor's URL sink and first-pass beacon send) and as a `text/plain` Blob (what the URL sink sent
 * before). Not a test: it prints medians and their ratio.
 *
 *   node bench/beacon-body.js            # 15 fresh pages per body type, interleaved
 *   BENCH_RUNS=31 node bench/beacon-body.js
 *
 * Each page times one call with `performance.now()` (100 µs resolution in a page that is not cross-origin isolated,
 * which is why the medians come from many pages) after the page has loaded, in a fresh browser context over CDP
 * without Playwright. The body is a realistic exposure batch: three events of about 400 bytes.
 */
import { createServer } from 'node:http';
import { execSync } from 'node:child_process';
import { launchCdp, waitForEvent } from './cdp.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const EVENT = { kind: 'exposure', id: 'e-0000000000000000', visitorId: 'v-00000000000000000000', slot: 'hero', experience: 'hero-health', arm: 'targeted', propensity: 0.76, ts: 0, reason: 'audience-match', audience: 'healthcare', decisionId: 'd-0000000000000000', v: 1 };
const BODY = JSON.stringify([EVENT, EVENT, EVENT]);
/** @type {Record<string, string>} */
const CALLS = {
  string: `navigator.sendBeacon('/collect', body)`,
  blob: `navigator.sendBeacon('/collect', new Blob([body], { type: 'text/plain' }))`,
};

const page = (/** @type {string} */ call) => `<!doctype html><html><head><title>beacon</title></head><body><p>page</p><script>
addEventListener('load', () => setTimeout(() => {
  const body = ${JSON.stringify(BODY)};
  const t = performance.now();
  ${call};
  window.__took = performance.now() - t;
}, 20));
</script></body></html>`;

const server = createServer((req, res) => {
  const type = new URL(req.url ?? '/', 'http://x').searchParams.get('body') ?? '';
  if (req.method === 'GET' && type in CALLS) res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(page(CALLS[type] ?? ''));
  else req.resume().on('end', () => res.writeHead(204).end());
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const address = server.address();
const origin = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
const chromium = process.env.CHROMIUM_PATH ?? execSync('command -v chromium', { shell: '/bin/sh' }).toString().trim();
const cdp = await launchCdp(chromium);
/** @type {Record<string, number[]>} */
const took = { string: [], blob: [] };
try {
  for (let run = 0; run < RUNS; run++) {
    for (const type of run % 2 ? ['blob', 'string'] : ['string', 'blob']) {
      const { browserContextId } = await cdp.send('Target.createBrowserContext', { disposeOnDetach: true });
      const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId });
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
      await cdp.send('Page.enable', {}, sessionId);
      const loaded = waitForEvent(cdp, 'Page.loadEventFired', sessionId, 30_000);
      await cdp.send('Page.navigate', { url: `${origin}/?body=${type}` }, sessionId);
      await loaded;
      for (let waited = 0; waited < 2000; waited += 20) {
        const { result } = await cdp.send('Runtime.evaluate', { expression: 'window.__took', returnByValue: true }, sessionId);
        if (typeof result.value === 'number') {
          took[type]?.push(result.value);
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      await cdp.send('Target.disposeBrowserContext', { browserContextId });
    }
  }
} finally {
  await cdp.close();
  server.close();
}
const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[s.length >> 1] ?? NaN) : ((s[s.length / 2 - 1] ?? NaN) + (s[s.length / 2] ?? NaN)) / 2;
};
const [s, b] = [median(took.string ?? []), median(took.blob ?? [])];
console.log(`sendBeacon, main-thread time of the call, median of ${String(RUNS)} fresh pages each (${chromium}, load average ${execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ')})`);
console.log(`  string body: ${s.toFixed(2)} ms`);
console.log(`  Blob body:   ${b.toFixed(2)} ms`);
console.log(`  string ÷ Blob: ${(s / b).toFixed(2)}×`);
