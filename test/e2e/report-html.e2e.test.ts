/**
 * The HTML report in a real Chromium, at a desktop width and on a 390 px phone: nothing overflows the page (tables
 * scroll inside their box), axis labels do not overlap, every plot row carries its value, intervals cut at the axis
 * are marked, the favicon is an inline image. Screenshots are saved to test-results/report-html/ for a human to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Aggregate } from '../../src/report/aggregate-types.js';
import { analyze } from '../../src/report/analyze.js';
import { renderHtml } from '../../src/report/render-html.js';
import { sampleAggregate } from '../../src/simulate/sample-aggregate.js';
import { launchBrowser } from './browser.js';

const OUT = join('test-results', 'report-html');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser.close();
});

/** A full report: wrong-categories, 400,000 visitors, 5% of them asked who they are. */
function fullReport(): string {
  const { aggregate, config } = sampleAggregate({ scenario: 'wrong-categories', visitors: 400_000, seed: 21, askShare: 0.05, design: { explore: 0.3 }, perVisitor: false });
  // Days of first exposure for the over-time plot (the fast sampler's cell path draws none): spread the totals.
  const p = aggregate.periods[0];
  if (p) {
    p.days = Array.from({ length: 28 }, (_, d) => {
      const part = (x: number): number => Math.round((x * (d + 1)) / 28) - Math.round((x * d) / 28);
      const cell = (c: Aggregate['periods'][number]['groups']['rest']) => ({ n: part(c.n), conv: c.conv.map(part), sum: c.sum.map(part), sumSq: c.sumSq.map(part) });
      return { day: new Date(p.firstTs + d * 86_400_000).toISOString().slice(0, 10), holdout: cell(p.groups.holdout), rest: cell(p.groups.rest) };
    });
  }
  return renderHtml(analyze(aggregate, { config }));
}

/** A report whose lifts have huge intervals (a tiny site): the forest plot must cut them at the axis and say so. */
function tinyReport(): string {
  const { aggregate, config } = sampleAggregate({ scenario: 'losing-experience', visitors: 4_000, seed: 22 });
  return renderHtml(analyze(aggregate, { config }));
}

async function open(html: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

/** Overlapping pairs among the texts of every plot: axis ticks, row labels, value labels, legends. */
async function overlappingTicks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll('svg')) {
      const ticks = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      for (let i = 0; i < ticks.length; i++) {
        for (let j = i + 1; j < ticks.length; j++) {
          const a = ticks[i];
          const b = ticks[j];
          if (a && b && a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom) out.push(`${a.text} / ${b.text}`);
        }
      }
    }
    return out;
  });
}

describe('the HTML report in Chromium', () => {
  const html = fullReport();

  for (const [name, width] of [
    ['desktop', 1280],
    ['mobile-390', 390],
  ] as const) {
    it(`${name} (${width} px): no page overflow, tables scroll in place, no overlapping axis labels; screenshot saved`, async () => {
      const page = await open(html, width);
      const layout = await page.evaluate(() => ({
        pageWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        tables: [...document.querySelectorAll('table')].map((t) => ({ inScroll: t.parentElement?.classList.contains('scroll') ?? false, overflowX: t.parentElement ? getComputedStyle(t.parentElement).overflowX : '' })),
        scrollable: [...document.querySelectorAll('.scroll')].filter((d) => d.scrollWidth > d.clientWidth).length,
      }));
      expect(layout.pageWidth).toBeLessThanOrEqual(layout.viewport);
      expect(layout.tables.length).toBeGreaterThan(5);
      for (const t of layout.tables) expect(t).toEqual({ inScroll: true, overflowX: 'auto' });
      if (width === 390) expect(layout.scrollable).toBeGreaterThan(0);
      expect(await overlappingTicks(page)).toEqual([]);
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
      await page.close();
    });
  }

  it('the header has every count the text report has, and a favicon that is an inline image', async () => {
    const page = await open(html, 1280);
    const header = await page.locator('p.legend').first().evaluate((p) => p.parentElement?.textContent ?? '');
    for (const word of ['lines', 'exposures', 'conversions', 'trust events', 'duplicates removed', 'later exposures set aside', 'invalid lines', 'visitors without exposure']) expect(header).toContain(word);
    const icon = await page.evaluate(async () => {
      const href = document.querySelector('link[rel="icon"]')?.getAttribute('href') ?? '';
      const img = new Image();
      const loaded = await new Promise<boolean>((resolve) => {
        img.onload = () => resolve(true);
        img.onerror = () => resolve(false);
        img.src = href;
      });
      return { href: href.slice(0, 22), loaded, width: img.naturalWidth };
    });
    expect(icon).toEqual({ href: 'data:image/svg+xml,%3C', loaded: true, width: 16 });
    await page.close();
  });

  it('every plot row has its value written beside it; intervals that run past the axis end in an arrowhead', async () => {
    const page = await open(html, 1280);
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('.plot svg')].map((svg) => ({
        dots: svg.querySelectorAll('circle').length,
        values: [...svg.querySelectorAll('text[text-anchor="end"]')].filter((t) => /\[.*\]|no data|%/.test(t.textContent)).length,
      })),
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows.filter((x) => x.dots > 0)) expect(r.values).toBeGreaterThanOrEqual(r.dots);
    await page.close();
    const tiny = await open(tinyReport(), 1280);
    const arrows = await tiny.evaluate(() => [...document.querySelectorAll('svg path')].filter((p) => p.querySelector('title')?.textContent === 'interval continues beyond the axis').length);
    expect(arrows).toBeGreaterThan(0);
    expect(await overlappingTicks(tiny)).toEqual([]);
    await tiny.screenshot({ path: join(OUT, 'tiny-site-desktop.png'), fullPage: true });
    writeFileSync(join(OUT, 'report.html'), html);
    await tiny.close();
  });
});
