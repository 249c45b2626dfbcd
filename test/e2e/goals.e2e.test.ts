/**
 * Goals reach the site's collector as conversion events: clicks on `data-candor-goal` elements (also when the click
 * navigates away), page views of a goal path in the config, and `candor.track()`. Fields marked `data-candor-declare`
 * become `declared.*` signals that later decisions use.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, runtimeStarted, type Beacon } from './script-tag-harness.js';

const h = useHarness();
const site = () => `${h.origin}/examples/marketing-site/`;

/** The visitor id Candor uses in this browser, read from the first exposure this page sent. */
async function visitorOf(page: Page): Promise<string> {
  await runtimeStarted(page);
  const decisionId = await page.evaluate(() => (window as unknown as { candor: { decide(s: string): { decisionId: string } } }).candor.decide('hero').decisionId);
  await page.evaluate(() => {
    (window as unknown as { candor: { flush(): void } }).candor.flush();
  });
  const events = await h.beacons((all) => all.some((e) => e.decisionId === decisionId));
  return String(events.find((e) => e.decisionId === decisionId)?.visitorId);
}

const conversions = (events: Beacon[], visitorId: string) => events.filter((e) => e.type === 'conversion' && e.visitorId === visitorId);

describe('goals', () => {
  it('a click on a data-candor-goal element sends a conversion, even though the click navigates away', async () => {
    const { page } = await h.open();
    await page.goto(site(), { waitUntil: 'load' });
    const visitorId = await visitorOf(page);
    // The visitor's arm is random: the cta slot's developer experience (explore arm) links to pricing.html?plan=sandbox#demo.
    await Promise.all([page.waitForURL(/pricing\.html(\?plan=sandbox)?#demo$/), page.click('.cta [data-candor-goal="demo-request"]')]);
    const events = await h.beacons((all) => conversions(all, visitorId).some((e) => e.goal === 'demo-request'));
    expect(conversions(events, visitorId).filter((e) => e.goal === 'demo-request')).toHaveLength(1);
  });

  it('viewing a goal path (thanks.html) sends a page-view conversion; candor.track() sends one with its value', async () => {
    const { page } = await h.open();
    await page.goto(site(), { waitUntil: 'load' });
    const visitorId = await visitorOf(page);
    await page.goto(`${site()}thanks.html`, { waitUntil: 'load' });
    await runtimeStarted(page);
    await page.evaluate(() => {
      const candor = (window as unknown as { candor: { track(goal: string, value?: number): void; flush(): void } }).candor;
      candor.track('newsletter', 5);
      candor.flush();
    });
    const events = await h.beacons((all) => {
      const mine = conversions(all, visitorId);
      return mine.some((e) => e.goal === 'demo-booked') && mine.some((e) => e.goal === 'newsletter');
    });
    expect(conversions(events, visitorId).find((e) => e.goal === 'demo-booked')).toMatchObject({ type: 'conversion', goal: 'demo-booked' });
    expect(conversions(events, visitorId).find((e) => e.goal === 'newsletter')).toMatchObject({ value: 5 });
  });

  it('a declared form field becomes a declared.* signal for later decisions (a shadow audience here)', async () => {
    const { page } = await h.open();
    await page.goto(`${site()}pricing.html`, { waitUntil: 'load' });
    // Declared fields are read from the runtime's start on (within half a second of first paint).
    await runtimeStarted(page);
    await page.selectOption('select[data-candor-declare="size"]', '1000+');
    await page.goto(site(), { waitUntil: 'load' });
    await runtimeStarted(page);
    const decision = await page.evaluate(() => (window as unknown as { candor: { decide(s: string): { audiences: string[] } } }).candor.decide('hero'));
    expect(decision.audiences).toContain('large-company');
  });
});
