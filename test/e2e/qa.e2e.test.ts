/**
 * QA and client-side navigation: `?candor=slot:experience` forces an experience through the normal decision path
 * (marked forced, never counted: no exposure event), `?candor-debug` prints a table of decisions, and a route change
 * through `history.pushState` applies the slots of the new view with decisions made for the new address.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Decision } from '../../src/core/types.js';
import { useHarness, nextFrames, runtimeStarted, shownSlots, consoleTexts } from './script-tag-harness.js';

const h = useHarness();

/** Records every `candor:decision` event's detail from the very start of the page. */
async function recordDecisions(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { decisions: unknown[] }).decisions = seen;
    document.addEventListener('candor:decision', (event) => {
      seen.push((event as CustomEvent).detail);
    });
  });
}
const decisions = (page: Page) => page.evaluate(() => (window as unknown as { decisions: Decision[] }).decisions);

describe('QA', () => {
  it('?candor=hero:hero-logistics forces the experience, marks it forced, and never counts it', async () => {
    const { page } = await h.open();
    await recordDecisions(page);
    await page.goto(`${h.origin}/examples/marketing-site/?candor=hero:hero-logistics`, { waitUntil: 'load' });
    await runtimeStarted(page);
    expect((await shownSlots(page)).hero).toBe('hero-logistics');
    expect(await page.textContent('[data-candor-slot="hero"] h1')).toBe('Exceptions handled before the truck is late');
    const hero = (await decisions(page)).find((d) => d.slot === 'hero');
    expect(hero).toMatchObject({ slot: 'hero', experience: 'hero-logistics', forced: true, reason: 'forced' });

    // The other slots are counted; the forced one is not. Send now, then wait for this visitor's other exposures.
    const proofDecision = (await decisions(page)).find((d) => d.slot === 'proof');
    await page.evaluate(() => {
      (window as unknown as { candor: { flush(): void } }).candor.flush();
    });
    const events = await h.beacons((all) => all.some((e) => e.type === 'exposure' && e.decisionId === proofDecision?.decisionId));
    const visitorId = events.find((e) => e.decisionId === proofDecision?.decisionId)?.visitorId;
    expect(events.filter((e) => e.type === 'exposure' && e.visitorId === visitorId).map((e) => e.slot)).toEqual(['proof', 'cta']);
  });

  it('?candor-debug prints one table of decisions with arm, audience, reason and signals', async () => {
    const { page, console: messages } = await h.open();
    await page.goto(`${h.origin}/examples/marketing-site/?candor-debug&utm_campaign=health-2026q4`, { waitUntil: 'load' });
    await runtimeStarted(page);
    await expect.poll(() => messages.filter((m) => m.type() === 'table').length).toBeGreaterThan(0);
    const tables = messages.filter((m) => m.type() === 'table');
    expect(tables).toHaveLength(1);
    const rows = (await tables[0]?.args()[0]?.jsonValue()) as Record<string, unknown>[];
    expect(rows.map((r) => r.slot)).toEqual(['hero', 'proof', 'cta']);
    for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(['slot', 'experience', 'arm', 'audience', 'reason', 'signals']));
    const hero = rows[0] ?? {};
    expect(hero.experience).toBe((await shownSlots(page)).hero);
  });

  it('a pushState route change applies the new view’s slot with a decision for the new address', async () => {
    const { page, pageErrors } = await h.open();
    await recordDecisions(page);
    await page.goto(`${h.origin}/pages/spa/`, { waitUntil: 'load' });
    expect(await shownSlots(page)).toEqual({ 'home-banner': 'baseline' });

    await page.click('a[href="/pages/spa/pricing"]');
    await page.waitForSelector('[data-candor-slot="pricing-banner"][data-candor-shown]', { state: 'attached' });
    expect(page.url()).toBe(`${h.origin}/pages/spa/pricing`);
    expect(await shownSlots(page)).toEqual({ 'pricing-banner': 'pricing-offer' });
    expect(await page.textContent('[data-candor-slot="pricing-banner"] h2')).toBe('Pricing offer');
    const pricing = (await decisions(page)).find((d) => d.slot === 'pricing-banner');
    expect(pricing).toMatchObject({ experience: 'pricing-offer', arm: 'targeted', audience: 'pricing-reader' });
    expect(pricing?.signals.find((s) => s.name === 'url.path')?.value).toBe('/pages/spa/pricing');

    // Back: the home view is rendered again and applied again (its decision is sticky).
    await page.goBack();
    await page.waitForSelector('[data-candor-slot="home-banner"][data-candor-shown]', { state: 'attached' });
    expect(await shownSlots(page)).toEqual({ 'home-banner': 'baseline' });
    await nextFrames(page);
    expect(pageErrors).toEqual([]);
  });

  it('a route change before the runtime has loaded: the view left behind is not decided again with the new address', async () => {
    const { page, pageErrors } = await h.open();
    await recordDecisions(page);
    // The runtime file is held until the visitor has moved to the pricing view (on a slow connection, or a visitor who
    // clicks within the runtime's idle wait): only the first pass has seen the navigation.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/candor-runtime\.min\.js/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${h.origin}/pages/spa/`, { waitUntil: 'load' });
    expect(await shownSlots(page)).toEqual({ 'home-banner': 'baseline' });
    await page.click('a[href="/pages/spa/pricing"]');
    await page.waitForSelector('[data-candor-slot="pricing-banner"][data-candor-shown]', { state: 'attached' });
    expect(await shownSlots(page)).toEqual({ 'pricing-banner': 'pricing-offer' });
    expect(await page.evaluate(() => 'candor' in window)).toBe(false);

    release();
    await runtimeStarted(page);
    const pricing = (await decisions(page)).find((d) => d.slot === 'pricing-banner');
    await page.evaluate(() => {
      (window as unknown as { candor: { flush(): void } }).candor.flush();
    });
    const events = await h.beacons((all) => all.some((e) => e.type === 'exposure' && e.decisionId === pricing?.decisionId));
    const visitorId = events.find((e) => e.decisionId === pricing?.decisionId)?.visitorId;
    // The home banner was seen with its standard content, and that is what is counted for it.
    const exposures = events.filter((e) => e.type === 'exposure' && e.visitorId === visitorId).map((e) => `${e.slot}:${e.experience}`);
    expect(exposures).toEqual(['home-banner:baseline', 'pricing-banner:pricing-offer']);

    await page.goBack();
    await page.waitForSelector('[data-candor-slot="home-banner"][data-candor-shown]', { state: 'attached' });
    expect(await shownSlots(page)).toEqual({ 'home-banner': 'baseline' });
    expect(pageErrors).toEqual([]);
  });
});

describe('examples', () => {
  it('the SPA example renders each route with its decision and counts exposures', async () => {
    const { page, pageErrors, console: messages } = await h.open();
    await page.goto(`${h.origin}/examples/spa/?utm_campaign=health-2026q4`, { waitUntil: 'load' });
    const home = await page.getAttribute('[data-candor-slot="spa-hero"]', 'data-candor-shown');
    expect(home).toMatch(/^(baseline|spa-hero-)/);
    await page.click('a[href="/examples/spa/pricing"]');
    await page.waitForSelector('[data-candor-slot="spa-plan"][data-candor-shown]');
    expect(page.url()).toBe(`${h.origin}/examples/spa/pricing`);
    // A deep link works too (the server answers client-side routes with the app).
    await page.goto(`${h.origin}/examples/spa/docs`, { waitUntil: 'load' });
    expect(await page.textContent('h1')).toBe('Docs');
    await h.beacons((all) => all.some((e) => e.type === 'exposure' && e.slot === 'spa-plan'));
    expect(pageErrors).toEqual([]);
    expect(consoleTexts(messages, 'error')).toEqual([]);
  });
});
