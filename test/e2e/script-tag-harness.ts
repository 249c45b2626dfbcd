/**
 * Shared set-up of the script-tag browser tests: one server and one Chromium per test file, fresh browser contexts
 * (so fresh storage) per test, console and error capture, and waits on events rather than sleeps.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, ConsoleMessage, Frame, Page } from 'playwright-core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { launchBrowser } from './browser.js';
import { startServer } from './server.js';

/** A Candor event as received by the test server's `/collect`. */
export interface Beacon {
  type: string;
  slot?: string;
  goal?: string;
  experience?: string;
  arm?: string;
  [key: string]: unknown;
}

export interface Harness {
  readonly browser: Browser;
  readonly server: Awaited<ReturnType<typeof startServer>>;
  readonly origin: string;
  /** A fresh context (its own storage) and page, with console and page errors recorded. */
  open(options?: { viewport?: { width: number; height: number } }): Promise<Opened>;
  /**
   * The same site on another loopback port, whose events join {@link Harness.beacons}: an origin no page has used, so
   * a visitor there starts with empty storage (all that Candor keeps; it sets no cookie) in a tab that another visitor
   * used. A port is the same site, so the tab needs no new renderer process, which a fresh context does.
   */
  freshOrigin(): Promise<string>;
  /**
   * Runs `count` new visitors, `tabs` at a time, each on a {@link Harness.freshOrigin} in one of `tabs` reused pages.
   * Rejects with the first failure, after all have settled.
   */
  visitors(count: number, run: (page: Page, origin: string, index: number) => Promise<void>, tabs?: number): Promise<void>;
  /** Resolves with the received events once `predicate` holds for them (checked whenever a request arrives). */
  beacons(predicate: (events: Beacon[]) => boolean, timeoutMs?: number): Promise<Beacon[]>;
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  /** Console messages of the page and its frames, in order. */
  console: ConsoleMessage[];
  /** Uncaught errors (what would reach `window.onerror`). */
  pageErrors: Error[];
}

type Handle = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

/**
 * Starts a server (with an optional extra request handler) and Chromium for the file, and closes them afterwards.
 * @example const h = useHarness(); it('…', async () => { const { page } = await h.open(); … });
 */
export function useHarness(handle?: Handle): Harness {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const contexts: BrowserContext[] = [];
  const others: Awaited<ReturnType<typeof startServer>>[] = [];
  const waiters = new Set<() => void>();
  const handleAll: Handle = (req, res, url) => {
    // Every request may have delivered events: re-check waiters once the default handler stored them.
    res.on('finish', () => {
      waiters.forEach((w) => {
        w();
      });
    });
    return handle ? handle(req, res, url) : false;
  };
  beforeAll(async () => {
    server = await startServer({ handle: handleAll });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    await server?.close();
    await Promise.all(others.map((s) => s.close()));
  });
  const must = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('harness not started');
    return value;
  };
  return {
    get browser() {
      return must(browser);
    },
    get server() {
      return must(server);
    },
    get origin() {
      return must(server).origin;
    },
    async open(options = {}) {
      const context = await must(browser).newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
      contexts.push(context);
      // Try another loader build without touching dist/: CANDOR_LOADER_FILE=/path/to/candor.min.js
      const loader = process.env.CANDOR_LOADER_FILE;
      if (loader) await context.route('**/dist/candor.min.js', (route) => route.fulfill({ path: loader, contentType: 'text/javascript' }));
      const page = await context.newPage();
      const opened: Opened = { context, page, console: [], pageErrors: [] };
      page.on('console', (message) => opened.console.push(message));
      page.on('pageerror', (error) => opened.pageErrors.push(error));
      return opened;
    },
    async freshOrigin() {
      const other = await startServer({ handle: handleAll, beacons: must(server).beacons });
      others.push(other);
      return other.origin;
    },
    async visitors(count, run, tabs = 4) {
      const origins = await Promise.all(Array.from({ length: count }, () => this.freshOrigin()));
      const opened = await Promise.all(Array.from({ length: Math.min(tabs, count) }, () => this.open()));
      // At most `tabs` visitors run at once, so a tab is always free when one starts.
      const free = opened.map(({ page }) => page);
      try {
        await concurrently(count, async (i) => {
          const page = free.pop();
          if (!page) throw new Error('no free tab');
          try {
            await run(page, origins[i] ?? '', i);
          } finally {
            free.push(page);
          }
        }, tabs);
      } finally {
        await Promise.all(opened.map(({ context }) => context.close()));
      }
    },
    beacons(predicate, timeoutMs = 10_000) {
      const events = must(server).beacons as Beacon[];
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(events)) return;
          cleanup();
          resolve(events);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`expected events did not arrive within ${timeoutMs} ms; received: ${JSON.stringify(events.map((e) => [e.type, e.slot ?? e.goal]))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/**
 * Runs `run(0)` … `run(count - 1)` with at most `limit` running at once (a browser test's visitors, each in its own
 * context: their page loads overlap instead of queueing). Rejects with the first failure, after all have settled.
 * @example await concurrently(8, async () => { const { context, page } = await h.open(); …; await context.close(); });
 */
export async function concurrently(count: number, run: (index: number) => Promise<void>, limit = 4): Promise<void> {
  let next = 0;
  const worker = async (): Promise<PromiseSettledResult<void>[]> => {
    const results: PromiseSettledResult<void>[] = [];
    for (let i = next++; i < count; i = next++) results.push(...(await Promise.allSettled([run(i)])));
    return results;
  };
  const settled = (await Promise.all(Array.from({ length: Math.min(limit, count) }, worker))).flat();
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Gives every page of `context` a visitor with this id from its first page view on (stored as Candor stores it, before
 * any script runs, unless a visitor is already stored): for visitors chosen ahead with `decide` in Node.
 */
export async function storeVisitorId(context: BrowserContext, visitorId: string): Promise<void> {
  await context.addInitScript((id) => {
    if (!localStorage.getItem('candor:v1')) localStorage.setItem('candor:v1', JSON.stringify({ v: 1, visitorId: id, idSource: 'local', created: Date.now(), assignments: {} }));
  }, visitorId);
}

/** Each slot's name and what it shows (`data-candor-shown`), in document order. */
export function shownSlots(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(
    () =>
      Object.fromEntries(
        Array.from(document.querySelectorAll('[data-candor-slot]'), (s) => [s.getAttribute('data-candor-slot'), s.getAttribute('data-candor-shown')]),
      ) as Record<string, string | null>,
  );
}

/**
 * Slots of this page view whose closing tag the parser reached only after the 300 ms cap (a busy machine): by design they
 * show their standard content for this page view, whatever was decided. Read from Candor itself (the decision it reports
 * for the slot has the reason `late-slot`), not from timing the wait in the page: the cap is a timer, which on a busy
 * machine fires late, so a wait measured past 300 ms does not mean the cap was reached.
 */
export async function cappedSlots(page: Page): Promise<string[]> {
  await page.waitForFunction(() => 'candor' in window);
  return page.evaluate(() => {
    const { candor } = window as unknown as { candor: { decide(slot: string): { reason: string } } };
    return Array.from(document.querySelectorAll('[data-candor-slot]'), (el) => el.getAttribute('data-candor-slot') ?? '').filter(
      (slot) => slot !== '' && candor.decide(slot).reason === 'late-slot',
    );
  });
}

/** Resolves after the page has rendered two more frames (layout, paint and performance entries are then up to date). */
export function nextFrames(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => {
          requestAnimationFrame(() => {
            resolve();
          });
        });
      }),
  );
}

/** The text of console messages of a type (`error`, `warning`, `table`…). */
export function consoleTexts(messages: ConsoleMessage[], type: string): string[] {
  return messages.filter((m) => m.type() === type).map((m) => m.text());
}

/**
 * Resolves once the script tag's runtime has started (`window.candor` is set): it runs only after first paint, when
 * the main thread is idle, so often after the page's `load` event.
 */
export async function runtimeStarted(page: Page | Frame): Promise<void> {
  await page.waitForFunction(() => 'candor' in window);
}
