import { mkdtemp, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Arm, CandorEvent, ExposureEvent } from '../../src/core/types.js';
import { createCollector, type Collector } from '../../src/collect/create-collector.js';
import { launchBrowser } from './browser.js';
import { startServer } from './server.js';

// The built script tag (dist/candor.min.js) in real Chromium, delivering to the reference collector on
// localhost: exposures survive immediate navigations away, link clicks and reloads; a collector that is
// down for a while gets everything once it is back; the counts per arm match the configured shares.
//
// Each visitor of the 150 comes to the site on an origin of its own (the same pages on another loopback port), so it
// starts with empty localStorage, sessionStorage and IndexedDB, which is all the state Candor keeps (it sets no
// cookie). A port is the same site, so a tab moves from one visitor to the next without a new renderer process,
// which made a fresh browser context per visitor cost about 3× the CPU.

const HOLDOUT = 0.2;
const CONTROL = 0.2;
const EXPLORE = 0.2;
const CONFIG = {
  v: 1,
  version: 'events-e2e-1',
  salt: 'events-e2e',
  holdout: HOLDOUT,
  consent: { default: 'relationship', withGpc: 'low' },
  audiences: {
    spring: { when: { 'utm.campaign': 'spring' }, reason: 'You came here from our spring campaign.' },
  },
  slots: {
    hero: { control: CONTROL, explore: EXPLORE, experiences: [{ id: 'hero-spring', audience: 'spring' }] },
    cta: { control: CONTROL, explore: EXPLORE, experiences: [{ id: 'cta-spring', audience: 'spring' }] },
  },
};
const SLOTS = Object.keys(CONFIG.slots);

const candorPage = (title: string, next: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script type="application/json" id="candor-config">${JSON.stringify(CONFIG)}</script>
<script src="/dist/candor.min.js" data-sink="/collect"></script>
</head><body>
<section data-candor-slot="hero"><h1>Standard hero</h1><template data-candor-experience="hero-spring"><h1>Spring hero</h1></template></section>
<section data-candor-slot="cta"><p>Standard call to action</p><template data-candor-experience="cta-spring"><p>Spring offer</p></template></section>
<p><a id="next" href="${next}">Next page</a></p>
</body></html>`;

const PAGES: Record<string, string> = {
  '/ev/one': candorPage('One', '/ev/two'),
  '/ev/two': candorPage('Two', '/ev/one'),
  '/ev/away': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head><body><p>No Candor here.</p></body></html>',
};

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
/** The same pages and collector on other ports: one origin per visitor of the first test. */
let visitorServers: Awaited<ReturnType<typeof startServer>>[];
/** Visitors of the first test. */
const VISITORS = 150;
let collector: Collector;
let out: string;
/** When true, POST /collect answers 503 (the collector is "down"). */
let down = false;
/** Visitors whose batches the "down" collector refused. */
const refused = new Set<string>();

beforeAll(async () => {
  out = join(await mkdtemp(join(tmpdir(), 'candor-events-e2e-')), 'events.ndjson');
  collector = createCollector({ out });
  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const html = PAGES[url.pathname];
    if (html) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      return true;
    }
    if (url.pathname == '/collect' && req.method == 'POST' && down) {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      for (const event of JSON.parse(body) as CandorEvent[]) refused.add(event.visitorId);
      res.writeHead(503).end();
      return true;
    }
    return collector.handle(req, res);
  };
  server = await startServer({ handle });
  visitorServers = await Promise.all(Array.from({ length: VISITORS }, () => startServer({ handle })));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await server.close();
  await Promise.all(visitorServers.map((s) => s.close()));
  await collector.close();
});

/** Stored exposures, by visitor. */
async function exposuresByVisitor(): Promise<Map<string, ExposureEvent[]>> {
  await collector.close(); // pending writes are on disk
  let text = '';
  try {
    text = await readFile(out, 'utf8');
  } catch {
    // nothing stored yet
  }
  const byVisitor = new Map<string, ExposureEvent[]>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const event = JSON.parse(line) as CandorEvent;
    if (event.type != 'exposure') continue;
    byVisitor.set(event.visitorId, [...(byVisitor.get(event.visitorId) ?? []), event]);
  }
  return byVisitor;
}

/** In the page: how many events wait in Candor's IndexedDB queue (0 until Candor has made its database). */
const queuedCount = async () => {
  // Opening a database that does not exist yet would create it without Candor's object store.
  if (!(await indexedDB.databases()).some((d) => d.name == 'candor')) return 0;
  return new Promise<number>((resolve) => {
    const open = indexedDB.open('candor');
    open.onerror = () => {
      resolve(0);
    };
    open.onsuccess = () => {
      const db = open.result;
      try {
        const get = db.transaction('state').objectStore('state').get('queue');
        get.onsuccess = () => {
          resolve(Array.isArray(get.result) ? get.result.length : 0);
          db.close();
        };
        get.onerror = () => {
          resolve(0);
          db.close();
        };
      } catch {
        resolve(0);
        db.close();
      }
    };
  });
};

type Visit = 'leave' | 'click' | 'reload';

/**
 * One new visitor, on an origin no visitor used before, in a tab that earlier visitors used: loads a page, then at
 * once leaves, clicks a link or reloads.
 */
async function visit(page: Page, origin: string, kind: Visit, campaign: boolean): Promise<void> {
  await page.goto(`${origin}/ev/one${campaign ? '?utm_campaign=spring' : ''}`, { waitUntil: 'domcontentloaded' });
  if (kind == 'leave') await page.goto(`${origin}/ev/away`, { waitUntil: 'load' });
  else if (kind == 'click') await Promise.all([page.waitForURL('**/ev/two'), page.click('#next')]);
  else await page.reload({ waitUntil: 'load' });
}

/** χ² statistic of observed counts against expected shares. */
function chiSquare(counts: Record<Arm, number>, shares: Record<Arm, number>): number {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (Object.keys(shares) as Arm[]).reduce((sum, arm) => {
    const expected = total * shares[arm];
    return sum + (counts[arm] - expected) ** 2 / expected;
  }, 0);
}

describe('event delivery in Chromium', () => {
  // 150 visitors: 50 leave at once (1 Candor page load each), 50 click a link and 50 reload (2 each): 250 page loads.
  const LOADS = (VISITORS / 3) * 5;
  /** Visitors loading pages at the same time, each in a tab of its own. */
  const TABS = 4;

  it(`delivers every exposure exactly once over ${LOADS} page loads (${VISITORS} visitors) with immediate navigations, clicks and reloads; arms match the shares`, async () => {
    const kinds: Visit[] = ['leave', 'click', 'reload'];
    const visits = visitorServers.map((s, i) => ({ origin: s.origin, kind: kinds[i % 3] ?? 'leave', campaign: i % 2 == 0 }));
    // TABS visitors at a time; a tab takes the next visitor as soon as its visitor has finished.
    let next = 0;
    const tab = async (): Promise<void> => {
      const page = await browser.newPage();
      for (let v = visits[next++]; v; v = visits[next++]) await visit(page, v.origin, v.kind, v.campaign);
      await page.close();
    };
    await Promise.all(Array.from({ length: TABS }, tab));

    // Wait on the collector (events, not time): one exposure per visitor and slot.
    await vi.waitFor(
      async () => {
        const byVisitor = await exposuresByVisitor();
        expect(byVisitor.size).toBe(VISITORS);
      },
      { timeout: 30_000, interval: 200 },
    );
    const byVisitor = await exposuresByVisitor();
    const counts: Record<Arm, number> = { holdout: 0, control: 0, explore: 0, targeted: 0 };
    for (const [visitor, events] of byVisitor) {
      // Exactly once per visitor × slot: no loss, and no second exposure from the reload or the next page.
      expect(events.map((e) => e.slot).sort(), visitor).toEqual([...SLOTS].sort());
      const hero = events.find((e) => e.slot == 'hero');
      if (hero) counts[hero.arm]++;
    }
    const stats = collector.stats();
    expect(stats.invalid).toBe(0);
    expect(stats.accepted).toBeGreaterThanOrEqual(VISITORS * SLOTS.length);

    // Sample-ratio check on the hero slot: χ² with 3 degrees of freedom; p > 0.001 ⇔ χ² < 16.27.
    const rest = 1 - HOLDOUT;
    const shares: Record<Arm, number> = { holdout: HOLDOUT, control: rest * CONTROL, explore: rest * EXPLORE, targeted: rest * (1 - CONTROL - EXPLORE) };
    expect(chiSquare(counts, shares), JSON.stringify(counts)).toBeLessThan(16.27);
  }, 600_000);

  it('queues events while the collector is down and delivers them once it is back', async () => {
    const VISITS = 8;
    const earlier = new Set((await exposuresByVisitor()).keys());
    down = true;
    const pages: Page[] = [];
    for (let i = 0; i < VISITS; i++) {
      const page = await browser.newPage();
      const before = refused.size;
      await page.goto(`${server.origin}/ev/one${i % 2 ? '?utm_campaign=spring' : ''}`);
      // This new visitor's first batch was refused (earlier pages keep retrying meanwhile) ...
      await vi.waitFor(() => {
        expect(refused.size).toBe(before + 1);
      }, { timeout: 10_000, interval: 50 });
      // ... and waits in the IndexedDB queue. Limits, by design: a page left before its first batch was refused
      // sent it by beacon, which cannot report the failure; and a page left within milliseconds of the failure
      // may not finish the queue write.
      await vi.waitFor(async () => {
        expect(await page.evaluate(queuedCount)).toBeGreaterThan(0);
      }, { timeout: 10_000, interval: 50 });
      // Move on while the collector is still down: the next page's drain is refused too.
      await Promise.all([page.waitForURL('**/ev/two'), page.click('#next')]);
      pages.push(page);
    }
    expect((await exposuresByVisitor()).size).toBe(earlier.size); // nothing got through

    down = false;
    // The earlier half may have used up this page view's retries: their next page view sends the queue.
    // The later half are delivered by the in-page retry (1 s, 2 s, 4 s … backoff).
    await Promise.all(pages.slice(0, VISITS / 2).map((page) => page.click('#next')));
    await vi.waitFor(
      async () => {
        const fresh = [...(await exposuresByVisitor())].filter(([visitor]) => !earlier.has(visitor));
        expect(fresh).toHaveLength(VISITS);
        for (const [visitor, events] of fresh) expect(events.map((e) => e.slot).sort(), visitor).toEqual([...SLOTS].sort());
      },
      { timeout: 100_000, interval: 250 },
    );
    await Promise.all(pages.map((page) => page.close()));
  }, 300_000);
});
