/**
 * Any failure shows the standard page: a broken config (invalid JSON, wrong types, unknown audience) leaves every
 * slot's standard content plus exactly one console error naming where the problem is; errors thrown inside Candor
 * (hostile storage, a hostile config getter) never reach the host page's `window.onerror`.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, consoleTexts, nextFrames, runtimeStarted, shownSlots } from './script-tag-harness.js';

const h = useHarness();
const STANDARD = 'Standard headline';

const heroText = (page: Page) => page.evaluate(() => document.querySelector('[data-candor-slot="hero"] h1')?.textContent ?? '');
const hostErrors = (page: Page) => page.evaluate(() => (window as unknown as { hostErrors: string[] }).hostErrors);

describe('fail-safe', () => {
  it.each([
    ['invalid-json', '#candor-config'],
    ['wrong-types', 'slots.hero.control'],
    ['unknown-audience', 'slots.hero.experiences[0].audience'],
  ])('%s: the standard page and exactly one console error naming %s', async (name, path) => {
    const { page, console: messages, pageErrors } = await h.open();
    // The visitor would be targeted if the config were right.
    await page.goto(`${h.origin}/pages/fail-safe/${name}.html?utm_campaign=health-2026q4`, { waitUntil: 'load' });
    // The runtime (which validates and reports) runs after first paint, when the main thread is idle.
    await runtimeStarted(page);
    await nextFrames(page);
    expect(await heroText(page)).toBe(STANDARD);
    const errors = consoleTexts(messages, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(path);
    expect(errors[0]).toMatch(/^candor: /);
    expect(await hostErrors(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    // The page stays usable: a goal click does not throw into the page either.
    await page.click('[data-candor-goal]');
    expect(await hostErrors(page)).toEqual([]);
  });

  it('storage APIs that all throw: a correct page, nothing reaches window.onerror', async () => {
    const { page, console: messages, pageErrors } = await h.open();
    await page.goto(`${h.origin}/pages/fail-safe/hostile-storage.html?utm_campaign=health-2026q4`, { waitUntil: 'load' });
    await runtimeStarted(page);
    await nextFrames(page);
    // A correct page: what the slot shows is what Candor decided (without storage that is usually the standard content).
    const decided = await page.evaluate(() => (window as unknown as { candor?: { decide(s: string): { experience: string } } }).candor?.decide('hero').experience);
    expect(await shownSlots(page)).toEqual({ hero: decided ?? 'baseline' });
    expect(await heroText(page)).toBe(decided === 'hero-health' ? 'Built for healthcare teams' : STANDARD);
    // One clear message, not a stream of errors.
    expect(messages.filter((m) => m.text().startsWith('candor:'))).toHaveLength(1);
    await page.click('[data-candor-goal]');
    await page.evaluate(() => {
      const candor = (window as unknown as { candor?: { track(goal: string): void; setConsent(tier: string): void } }).candor;
      candor?.track('manual-goal');
      candor?.setConsent('low');
    });
    expect(await hostErrors(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleTexts(messages, 'error').filter((t) => !t.startsWith('candor:'))).toEqual([]);
  });

  it('a window.candorConfig getter that throws: the standard page, nothing reaches window.onerror', async () => {
    const { page, console: messages, pageErrors } = await h.open();
    await page.goto(`${h.origin}/pages/fail-safe/hostile-config.html?utm_campaign=health-2026q4`, { waitUntil: 'load' });
    await nextFrames(page);
    expect(await heroText(page)).toBe(STANDARD);
    expect(await hostErrors(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleTexts(messages, 'error').length).toBeLessThanOrEqual(1);
  });

  it('a data-config-url slower than 300 ms: the slot shows its standard content before the config arrives, and keeps it', async () => {
    const { page, pageErrors } = await h.open();
    let configArrived = false;
    const config = page.waitForResponse((r) => r.url().includes('/pages/config-url/config.json')).then(() => {
      configArrived = true;
    });
    await page.goto(`${h.origin}/pages/config-url/delay-2000.html?utm_campaign=health-2026q4`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => {
      const h1 = document.querySelector('[data-candor-slot="hero"] h1');
      return h1 !== null && getComputedStyle(h1).visibility === 'visible';
    });
    expect(configArrived).toBe(false);
    expect(await heroText(page)).toBe(STANDARD);
    await config;
    await nextFrames(page);
    // Never swapped after the standard content was shown.
    expect(await heroText(page)).toBe(STANDARD);
    expect(pageErrors).toEqual([]);
  });
});
