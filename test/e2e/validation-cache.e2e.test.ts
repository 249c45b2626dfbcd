/**
 * The runtime validates a config once per browser: a later page view with the same config (and the same build) skips
 * validation, which the first pass's reading already equals. A changed config is validated again, so a problem in it
 * still puts the standard content back and is reported.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, consoleTexts, nextFrames, runtimeStarted, shownSlots } from './script-tag-harness.js';

const root = new URL('../../', import.meta.url);
const CONFIG_BLOCK = /(<script type="application\/json" id="candor-config">)([\s\S]*?)(<\/script>)/;

const h = useHarness(async (_req, res, url) => {
  // The example page, its inline config as built (`good`), or with a field validation rejects and the first pass's
  // reading does not look at (`bad`: an unknown top-level field).
  if (url.pathname !== '/validated/') return false;
  const html = await readFile(new URL('dist/examples/marketing-site/index.html', root), 'utf8');
  const bad = url.searchParams.get('config') === 'bad';
  const page = html.replace(CONFIG_BLOCK, (_m, open: string, json: string, close: string) => {
    const config = JSON.parse(json) as Record<string, unknown>;
    if (bad) config.colour = 'teal';
    return `${open}${JSON.stringify(config)}${close}`;
  });
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  return true;
});

const marks = (page: Page) =>
  page.evaluate(() => ({ valid: localStorage.getItem('candor:valid-config'), invalid: localStorage.getItem('candor:invalid-config') }));
const candorErrors = (messages: Parameters<typeof consoleTexts>[0]) => consoleTexts(messages, 'error').filter((t) => t.startsWith('candor'));

describe('validation once per config and browser', () => {
  it('a visitor on three pages: a config validated once is trusted on the next page view; a changed config with a problem is still caught', async () => {
    const { page, console: messages, pageErrors } = await h.open();
    const visit = async (config: 'good' | 'bad') => {
      await page.goto(`${h.origin}/validated/?config=${config}&utm_campaign=health-2026q4`, { waitUntil: 'load' });
      await runtimeStarted(page);
      await nextFrames(page);
    };

    await visit('good');
    expect((await shownSlots(page)).hero).toBe('hero-health');
    const first = await marks(page);
    expect(first.valid).toMatch(/^.+:\d+$/);
    expect(candorErrors(messages)).toEqual([]);

    // The same config again: no problem reported, the experience shown, the note unchanged.
    await visit('good');
    expect((await shownSlots(page)).hero).toBe('hero-health');
    expect(await marks(page)).toEqual(first);
    expect(candorErrors(messages)).toEqual([]);

    // The site deploys a config with a problem: validated again, reported, and the standard content put back.
    await visit('bad');
    await page.waitForFunction(() => document.querySelector('[data-candor-slot="hero"]')?.getAttribute('data-candor-shown') === 'baseline');
    expect(candorErrors(messages).join('\n')).toContain('colour');
    expect((await marks(page)).invalid).not.toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
