/**
 * The runtime validates a config once per browser, with the validator (`candor-check.min.js`) fetched only then: a
 * later page view with the same config (and the same build) skips validation, which the first pass's reading already
 * equals. A config stamped by `candor check --stamp` (as the example site's build does) is never validated in the
 * browser. A changed config is validated again, so a problem in it still puts the standard content back and is reported.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, consoleTexts, nextFrames, runtimeStarted, shownSlots } from './script-tag-harness.js';

const root = new URL('../../', import.meta.url);
const CONFIG_BLOCK = /(<script type="application\/json" id="candor-config">)([\s\S]*?)(<\/script>)/;

const h = useHarness(async (_req, res, url) => {
  // The example page with its inline config as built (`stamped`), without its stamp (`good`), or with a field
  // validation rejects and the first pass's reading does not look at (`bad`: an unknown top-level field; its stamp,
  // kept, no longer matches).
  if (url.pathname !== '/validated/') return false;
  const html = await readFile(new URL('dist/examples/marketing-site/index.html', root), 'utf8');
  const kind = url.searchParams.get('config');
  const page = html.replace(CONFIG_BLOCK, (_m, open: string, json: string, close: string) => {
    const config = JSON.parse(json) as Record<string, unknown>;
    if (kind === 'good') delete config.checked;
    if (kind === 'bad') config.colour = 'teal';
    return `${open}${JSON.stringify(config)}${close}`;
  });
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  return true;
});

/** Records the requests for the validator. */
const checkRequests = (page: Page): string[] => {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('candor-check.min.js')) seen.push(r.url());
  });
  return seen;
};
/**
 * A fresh visitor from the healthcare campaign in the targeted arm (holdout, control and explore are random), on their
 * first page view of `/validated/?config=…`: the experience they see is the campaign's.
 */
async function targetedVisitor(config: 'good' | 'stamped') {
  for (let i = 0; i < 20; i++) {
    const opened = await h.open();
    const checks = checkRequests(opened.page);
    await opened.page.goto(`${h.origin}/validated/?config=${config}&utm_campaign=health-2026q4`, { waitUntil: 'load' });
    await runtimeStarted(opened.page);
    await nextFrames(opened.page);
    if ((await shownSlots(opened.page)).hero === 'hero-health') return { ...opened, checks };
    await opened.context.close();
  }
  throw new Error('no targeted visitor in 20: check the example config and the holdout/control/explore shares');
}
const marks = (page: Page) =>
  page.evaluate(() => ({ valid: localStorage.getItem('candor:valid-config'), invalid: localStorage.getItem('candor:invalid-config') }));
const candorErrors = (messages: Parameters<typeof consoleTexts>[0]) => consoleTexts(messages, 'error').filter((t) => t.startsWith('candor'));

describe('validation once per config and browser', () => {
  it('a visitor on three pages: a config validated once is trusted on the next page view; a changed config with a problem is still caught', async () => {
    const { page, console: messages, pageErrors, checks } = await targetedVisitor('good');
    const visit = async (config: 'good' | 'bad') => {
      await page.goto(`${h.origin}/validated/?config=${config}&utm_campaign=health-2026q4`, { waitUntil: 'load' });
      await runtimeStarted(page);
      await nextFrames(page);
    };

    const first = await marks(page);
    expect(first.valid).toMatch(/^.+:\d+$/);
    expect(checks).toHaveLength(1);
    expect(candorErrors(messages)).toEqual([]);

    // The same config again: no problem reported, the experience shown, the note unchanged.
    await visit('good');
    expect((await shownSlots(page)).hero).toBe('hero-health');
    expect(await marks(page)).toEqual(first);
    expect(checks, 'the validator is not fetched again').toHaveLength(1);
    expect(candorErrors(messages)).toEqual([]);

    // The site deploys a config with a problem: validated again, reported, and the standard content put back.
    await visit('bad');
    await page.waitForFunction(() => document.querySelector('[data-candor-slot="hero"]')?.getAttribute('data-candor-shown') === 'baseline');
    expect(candorErrors(messages).join('\n')).toContain('colour');
    expect((await marks(page)).invalid).not.toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('a config stamped by `candor check --stamp` is not validated in the browser, and the validator is never fetched; an edit voids the stamp', async () => {
    const { page, console: messages, pageErrors, checks } = await targetedVisitor('stamped');
    await page.goto(`${h.origin}/validated/?config=stamped&utm_campaign=health-2026q4`, { waitUntil: 'load' });
    await runtimeStarted(page);
    await nextFrames(page);
    expect((await shownSlots(page)).hero).toBe('hero-health');
    // The runtime runs in full: its API answers, and the exposure it logged is queued for the collector.
    expect(await page.evaluate(() => (window as unknown as { candor: { decide(s: string): { experience: string } } }).candor.decide('hero').experience)).toBe('hero-health');
    expect(checks).toEqual([]);
    expect(await marks(page)).toEqual({ valid: null, invalid: null });
    expect(candorErrors(messages)).toEqual([]);

    // Control: the same stamp on an edited config does not vouch for it: validated, reported, standard content back.
    await page.goto(`${h.origin}/validated/?config=bad&utm_campaign=health-2026q4`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('[data-candor-slot="hero"]')?.getAttribute('data-candor-shown') === 'baseline');
    expect(checks).toHaveLength(1);
    expect(candorErrors(messages).join('\n')).toContain('colour');
    expect(pageErrors).toEqual([]);
  });

  it('when the validator cannot load, the first pass’s decisions stand (as when the runtime cannot load) and one console error names the file', async () => {
    const { page, console: messages, pageErrors } = await h.open();
    await page.route('**/candor-check.min.js', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(`${h.origin}/validated/?config=good&utm_campaign=health-2026q4`, { waitUntil: 'load' });
    const decided = await shownSlots(page);
    await expect.poll(() => candorErrors(messages)).toEqual(['candor: runtime-load at candor-check.min.js (see docs/errors.md)']);
    await nextFrames(page);
    expect(decided.hero).not.toBeNull();
    expect(await shownSlots(page)).toEqual(decided);
    expect(await page.evaluate(() => 'candor' in window)).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
