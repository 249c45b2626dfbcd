import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer } from './server.js';

// The widget against a fake host (test/e2e/pages/widget/fake-host.js, which also plays the loader's part):
// the built dist/candor-widget.min.js in real Chromium under a strict CSP.

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

interface Opened {
  page: Page;
  requests: string[];
  violations: () => Promise<string[]>;
  errors: string[];
}

async function openPage(query = '', colorScheme: 'light' | 'dark' = 'light', reducedMotion: 'reduce' | 'no-preference' = 'no-preference'): Promise<Opened> {
  const page = await browser.newPage({ colorScheme, reducedMotion, viewport: { width: 900, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${server.origin}/pages/widget/?csp=strict${query}`);
  return {
    page,
    requests,
    errors,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

/** The focused element, through shadow roots: tag, text, and whether it is inside the widget's dialog. */
function focused(page: Page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.tagName ?? '', text: el?.textContent ?? '', inDialog: !!el?.closest('dialog') };
  });
}

const dialogOpen = (page: Page) => page.evaluate(() => !!document.querySelector('.candor-widget')?.shadowRoot?.querySelector('dialog[open]'));
const dialogText = (page: Page) => page.evaluate(() => document.querySelector('.candor-widget')?.shadowRoot?.querySelector('dialog')?.textContent ?? '');
/** Waits until the dialog is open and its opening animation (if motion is allowed) has finished. */
const waitOpen = (page: Page) =>
  page.waitForFunction(() => {
    const root = document.querySelector('.candor-widget')?.shadowRoot;
    return !!root?.querySelector('dialog[open]') && root.getAnimations().every((a) => a.playState === 'finished');
  });

describe('the "Why am I seeing this?" dialog in Chromium, strict CSP', () => {
  it('opens by keyboard (Tab to the control, Enter), focus moves in, Tab stays inside, Escape closes and focus returns', async () => {
    const { page, requests, violations, errors } = await openPage();
    expect(requests.some((u) => u.includes('candor-widget'))).toBe(false);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Why am I seeing this?', inDialog: false });
    await page.keyboard.press('Enter');
    await waitOpen(page);
    expect(requests.some((u) => u.includes('candor-widget.min.js'))).toBe(true);
    expect(await focused(page)).toMatchObject({ tag: 'H2', text: 'Why am I seeing this?', inDialog: true });
    const text = await dialogText(page);
    for (const part of ['You came here from our healthcare campaign.', 'Campaign you arrived from', 'health-k8s-costs', 'this visit only', 'Visits to this site', 'stored in this browser only'])
      expect(text).toContain(part);

    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      expect(f.inDialog).toBe(true);
      seen.add(f.text);
    }
    expect(seen).toContain('Show me the standard version');
    expect(seen).toContain('Privacy notice');
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page)).inDialog).toBe(true);
    }

    await page.keyboard.press('Escape');
    expect(await dialogOpen(page)).toBe(false);
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Why am I seeing this?', inDialog: false });
    expect(await page.evaluate(() => (window as unknown as { candorCalls: unknown[][] }).candorCalls)).toContainEqual(['trust', 'explanation_opened', 'hero']);

    // Opening again through the now-defined <candor-why> (its own handler and the loader's both fire): one dialog.
    await page.keyboard.press('Enter');
    await waitOpen(page);
    expect(await page.evaluate(() => document.querySelectorAll('.candor-widget').length)).toBe(1);
    await page.keyboard.press('Escape');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens by click on a [data-candor-why] control; the close button closes and focus returns; controls reach the host', async () => {
    const { page, violations, errors } = await openPage();
    const trigger = page.locator('[data-candor-why=pricing]');
    await trigger.click();
    await waitOpen(page);
    const text = await dialogText(page);
    expect(text).toContain('picked at random');
    expect(text).not.toContain('healthcare campaign');
    await page.locator('.candor-widget >> text=Show me the standard version').click();
    await page.locator('.candor-widget >> text=Personalize again').waitFor();
    expect(await dialogText(page)).toContain('standard version because you asked');
    await page.locator('.candor-widget >> text=Forget what this site remembers').click();
    await page.locator('.candor-widget [role=status] >> text=Done: everything this site stored').waitFor();
    await page.locator('.candor-widget >> text=This visit only').click();
    const calls = await page.evaluate(() => (window as unknown as { candorCalls: unknown[][] }).candorCalls);
    expect(calls).toContainEqual(['showStandard']);
    expect(calls).toContainEqual(['forget']);
    expect(calls).toContainEqual(['setConsent', 'low']);
    await page.locator('.candor-widget [part~=close]').click();
    expect(await dialogOpen(page)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-candor-why'))).toBe('pricing');
    // Closing and reopening in the same task (before the dialog's close event) opens it again.
    await trigger.click();
    await waitOpen(page);
    await page.evaluate(() => {
      document.querySelector('.candor-widget')?.shadowRoot?.querySelector<HTMLElement>('[part~=close]')?.click();
      (window as unknown as { candorWidget: { open(slot: string): void } }).candorWidget.open('pricing');
    });
    expect(await dialogOpen(page)).toBe(true);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('animates its opening only when the visitor allows motion', async () => {
    const animations = async (reducedMotion: 'reduce' | 'no-preference') => {
      const { page } = await openPage('', 'light', reducedMotion);
      await page.locator('[data-candor-why=pricing]').click();
      await page.waitForFunction(() => !!document.querySelector('.candor-widget')?.shadowRoot?.querySelector('dialog[open]'));
      const name = await page.evaluate(() => {
        const dialog = document.querySelector('.candor-widget')?.shadowRoot?.querySelector('dialog');
        return dialog ? getComputedStyle(dialog).animationName : '';
      });
      await page.close();
      return name;
    };
    expect(await animations('reduce')).toBe('none');
    expect(await animations('no-preference')).not.toBe('none');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe-core finds no violations on the open dialog (${scheme} scheme); screenshot saved`, async () => {
      const { page, violations } = await openPage('', scheme);
      await page.locator('candor-why button').click();
      await waitOpen(page);
      await page.addScriptTag({ url: '/node_modules/axe-core/axe.min.js' });
      const result = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      });
      expect(result).toEqual([]);
      await page.screenshot({ path: `test-results/widget-open${scheme === 'dark' ? '-dark' : ''}.png`, animations: 'disabled' });
      expect(await violations()).toEqual([]);
      await page.close();
    });
  }
});

describe('<candor-ask> in Chromium, strict CSP', () => {
  it('shows the question to an eligible visitor; an answer is recorded and thanked', async () => {
    const { page, violations } = await openPage('&ask');
    const ask = page.locator('candor-ask');
    await ask.locator('text=Which best describes you?').waitFor();
    await page.addScriptTag({ url: '/node_modules/axe-core/axe.min.js' });
    const found = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string }[] }> } }).axe;
      return (await axe.run({ include: [['candor-ask']] }, { resultTypes: ['violations'] })).violations.map((v) => v.id);
    });
    expect(found).toEqual([]);
    await ask.locator('button >> text=Manager').click();
    await ask.locator('text=Thank you.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { candorCalls: unknown[][] }).candorCalls)).toContainEqual(['answerAsk', 'mgr']);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('"Skip" records a dismissal and hides it; an ineligible visitor never sees it', async () => {
    const { page } = await openPage('&ask');
    const ask = page.locator('candor-ask');
    await ask.locator('button >> text=Skip').click();
    expect(await ask.isHidden()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { candorCalls: unknown[][] }).candorCalls)).toContainEqual(['answerAsk', null]);
    await page.close();

    const other = await openPage();
    await other.page.locator('[data-candor-why=pricing]').click();
    await waitOpen(other.page);
    expect(await other.page.locator('candor-ask').isHidden()).toBe(true);
    await other.page.close();
  });
});
