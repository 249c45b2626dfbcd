/**
 * The script tag in two files: `candor.min.js` decides and applies slots synchronously from a config it only reads;
 * `candor-runtime.min.js` follows without blocking, validates, logs and serves `window.candor`. These tests hold the
 * promises that split makes: a config problem only validation can see still ends with the standard page (and later
 * page views never personalize from it), a missing runtime leaves a personalized page and one clear error, and a
 * visitor who leaves before the runtime ran is still counted.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, consoleTexts, nextFrames, runtimeStarted, shownSlots } from './script-tag-harness.js';

const h = useHarness();
const TARGETED = '?utm_campaign=health-2026q4';

/** Records, from the first byte of every page, each experience a slot is set to show. */
async function recordShown(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver((records) => {
      for (const r of records) {
        const value = r.target instanceof Element ? r.target.getAttribute('data-candor-shown') : null;
        if (value) seen.push(value);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-candor-shown'] });
  });
}
/** Every experience the slots were set to show, each once. */
const seen = async (page: Page) => [...new Set(await page.evaluate(() => (window as unknown as { seen: string[] }).seen))];
const storedSlots = (page: Page) =>
  page.evaluate(() => Object.keys((JSON.parse(localStorage.getItem('candor:v1') ?? '{}') as { assignments?: object }).assignments ?? {}));

describe('the script tag split into a first pass and a runtime', () => {
  it('a problem only validation sees: the standard page, one console error naming it, nothing kept or counted, and later page views never personalize from it', async () => {
    const { page, console: messages, pageErrors } = await h.open();
    await recordShown(page);
    await page.goto(`${h.origin}/pages/fail-safe/unknown-field.html${TARGETED}`, { waitUntil: 'load' });
    await runtimeStarted(page);
    await nextFrames(page);
    expect(await shownSlots(page)).toEqual({ hero: 'baseline' });
    const errors = consoleTexts(messages, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('slots.hero.contol');
    expect(await storedSlots(page)).toEqual([]);

    await page.reload({ waitUntil: 'load' });
    await runtimeStarted(page);
    await nextFrames(page);
    expect(await seen(page)).toEqual(['baseline']);
    expect(consoleTexts(messages, 'error')).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });

  it('the same page with the config fixed personalizes again (the control case of the test above)', async () => {
    const { page, console: messages } = await h.open();
    await recordShown(page);
    await page.goto(`${h.origin}/pages/fail-safe/valid.html${TARGETED}`, { waitUntil: 'load' });
    await nextFrames(page);
    expect(await seen(page)).toEqual(['hero-health']);
    expect(await storedSlots(page)).toEqual(['hero']);
    expect(consoleTexts(messages, 'error')).toEqual([]);
  });

  it('without the runtime file the slots are still decided and applied, with one console error saying what to serve, and the exposure is still sent on leaving', async () => {
    const { context, page, console: messages, pageErrors } = await h.open();
    await context.route('**/candor-runtime.min.js', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto(`${h.origin}/pages/fail-safe/valid.html${TARGETED}&visit=no-runtime`, { waitUntil: 'load' });
    await nextFrames(page);
    expect(await shownSlots(page)).toEqual({ hero: 'hero-health' });
    // The runtime is requested only after first paint, when the main thread is idle.
    const candorErrors = () => consoleTexts(messages, 'error').filter((t) => t.startsWith('candor:'));
    await expect.poll(() => candorErrors().length).toBe(1);
    expect(await page.evaluate(() => 'candor' in window)).toBe(false);
    expect(candorErrors()).toHaveLength(1);
    expect(candorErrors()[0]).toContain('candor-runtime.min.js');
    const visitorId = await page.evaluate(() => (JSON.parse(localStorage.getItem('candor:v1') ?? '{}') as { visitorId?: string }).visitorId);
    await page.goto(`${h.origin}/pages/flicker/page.css`);
    const events = await h.beacons((all) => all.some((e) => e.type === 'exposure' && e.visitorId === visitorId));
    expect(events.filter((e) => e.type === 'exposure' && e.visitorId === visitorId)).toMatchObject([{ slot: 'hero', experience: 'hero-health', arm: 'targeted' }]);
    expect(pageErrors).toEqual([]);
  });
});

describe('the API after the split', () => {
  it('a candorQueue callback queued before the scripts hears the decision and the exposure of every slot the first pass decided', async () => {
    const { page } = await h.open();
    await page.addInitScript(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      interface Api {
        on(type: string, fn: (value: { slot?: string; type?: string }) => void): void;
      }
      const queue = ((window as unknown as { candorQueue?: ((c: Api) => void)[] }).candorQueue ??= []);
      queue.push((candor) => {
        candor.on('decision', (d) => heard.push(`decision:${d.slot ?? ''}`));
        candor.on('event', (e) => heard.push(`${e.type ?? ''}:${e.slot ?? ''}`));
      });
    });
    await page.goto(`${h.origin}/pages/fail-safe/valid.html${TARGETED}`, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { heard: string[] }).heard.length >= 2);
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual(['exposure:hero', 'decision:hero']);
  });
});

describe('goal clicks before the runtime has arrived', () => {
  const visitorIdOf = (page: Page) =>
    page.evaluate(() => (JSON.parse(localStorage.getItem('candor:v1') ?? '{}') as { visitorId?: string }).visitorId);
  const conversions = (events: { type: string; visitorId?: unknown; goal?: string }[], visitorId: string | undefined) =>
    events.filter((e) => e.type === 'conversion' && e.visitorId === visitorId).map((e) => e.goal);

  it('are tracked once the runtime arrives, exactly once', async () => {
    const { context, page } = await h.open();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await context.route('**/candor-runtime.min.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${h.origin}/pages/fail-safe/valid.html${TARGETED}&visit=early-goal`, { waitUntil: 'domcontentloaded' });
    await page.click('[data-candor-goal]');
    expect(await page.evaluate(() => 'candor' in window)).toBe(false);
    release();
    await page.waitForFunction(() => 'candor' in window);
    const visitorId = await visitorIdOf(page);
    await page.evaluate(() => {
      (window as unknown as { candor: { flush(): void } }).candor.flush();
    });
    const events = await h.beacons((all) => conversions(all, visitorId).length > 0 && all.some((e) => e.type === 'exposure' && e.visitorId === visitorId));
    expect(conversions(events, visitorId)).toEqual(['demo-request']);
  });

  it('leave with the first pass\'s beacon when the page is left before the runtime ran', async () => {
    const { context, page } = await h.open();
    await context.route('**/candor-runtime.min.js', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto(`${h.origin}/pages/fail-safe/valid.html${TARGETED}&visit=early-goal-leave`, { waitUntil: 'load' });
    await page.click('[data-candor-goal]');
    const visitorId = await visitorIdOf(page);
    await page.goto(`${h.origin}/pages/flicker/page.css`);
    const events = await h.beacons((all) => conversions(all, visitorId).length > 0);
    expect(conversions(events, visitorId)).toEqual(['demo-request']);
  });
});
