/**
 * Under a strict Content Security Policy (`script-src 'self'; style-src 'self'`, no unsafe-inline, no unsafe-eval),
 * Candor triggers no violation and still personalizes: no eval, no inline script or style, the hiding rule of a
 * waiting slot is a constructed stylesheet.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, nextFrames, shownSlots, type Opened } from './script-tag-harness.js';

const h = useHarness();

/** Opens a page that records every `securitypolicyviolation` from its very first script on. */
async function openRecording(): Promise<Opened> {
  const opened = await h.open();
  await opened.page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return opened;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

describe('strict CSP', () => {
  it('the example page personalizes with zero violations, also when the explanation widget opens', async () => {
    const { page, console: messages, pageErrors } = await openRecording();
    // Forced, so the experiences apply whatever arm this fresh visitor is drawn into (a template and config changes).
    const response = await page.goto(`${h.origin}/examples/marketing-site/?csp=strict&candor=hero:hero-health,cta:cta-dev`, { waitUntil: 'load' });
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await shownSlots(page)).toMatchObject({ hero: 'hero-health', cta: 'cta-dev' });
    expect(await page.textContent('[data-candor-slot="hero"] h1')).toContain('admissions, billing and care');
    expect(await page.textContent('[data-candor-slot="cta"] .sdks')).toContain('TypeScript SDK');

    // Waits for the widget to be there, not for its request: 2% of fresh visitors are invited to the self-identification
    // prompt (ask.share), and for them the widget was already loaded before this click.
    await page.click('[data-candor-why="hero"]');
    await page.waitForFunction(() => 'candorWidget' in window);
    await nextFrames(page);

    expect(await violations(page)).toEqual([]);
    expect(messages.filter((m) => /Content Security Policy|Refused to/i.test(m.text())).map((m) => m.text())).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('a slot waiting for data-config-url is hidden through a constructed stylesheet, without violations', async () => {
    const { page } = await openRecording();
    const config = page.waitForResponse((r) => r.url().includes('/pages/config-url/config.json'));
    await page.goto(`${h.origin}/pages/config-url/delay-30.html?csp=strict&utm_campaign=health-2026q4`);
    await config;
    await page.waitForFunction(() => document.readyState === 'complete');
    await nextFrames(page);
    // The hiding rule was installed (as an adopted, constructed sheet) and nothing was refused.
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('[data-candor-slot] h1') ?? document.body).visibility)).toBe('visible');
    expect(await violations(page)).toEqual([]);
  });

  it('the detector records a violation (control: a page with an inline style)', async () => {
    const { page } = await openRecording();
    await page.goto(`${h.origin}/pages/csp/inline-style.html?csp=strict`, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { cspViolations: string[] }).cspViolations.length > 0);
    expect((await violations(page))[0]).toMatch(/^style-src/);
  });
});
