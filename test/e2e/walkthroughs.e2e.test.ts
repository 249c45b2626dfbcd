/**
 * The demo's walkthroughs, followed as a visitor would, through the pages in the printed order (examples/serve.js and
 * the SPA's own text): developers, a returning visitor, a campaign. Each fresh visitor comes on an origin of their own
 * (h.visitors), or in a browser context of their own where the test sets its clock or its storage, four at a time; the
 * arm is random, so each test checks every visitor in the arm that should see the experience, and that every other arm
 * keeps what it showed and logs the new counterfactual.
 *
 * The failure these guard against (issue 12): a first "no match" froze the slot, so a visitor who read the docs, or came
 * back, never got what the demo promised. Each test asserts the precondition that the first page view decided "no match"
 * for the visitors it counts, so it fails on that behaviour.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Decision } from '../../src/core/types.js';
import { readFileSync } from 'node:fs';
import { decide, validateConfig } from '../../src/core/index.js';
import { cappedSlots, concurrently, storeVisitorId, useHarness, shownSlots, type Beacon } from './script-tag-harness.js';

const h = useHarness();
const site = (path = '', origin = h.origin) => `${origin}/examples/marketing-site/${path}`;

interface PageCandor {
  decide(slot: string): Decision;
  explain(slot: string): { reason: string; summary: string } | undefined;
  loadExplanations(): Promise<void>;
  flush(): void;
}
/** The decision of a slot on this page (the one already made and shown: deciding again logs nothing new). */
const decision = (page: Page, slot: string) => page.evaluate((s) => (window as unknown as { candor: PageCandor }).candor.decide(s), slot);
const visitorId = (page: Page) => page.evaluate(() => (JSON.parse(localStorage.getItem('candor:v1') ?? '{}') as { visitorId?: string }).visitorId ?? '');
const ready = (page: Page) => page.waitForFunction(() => !!(window as unknown as { candor?: unknown }).candor);

/** Opens a page and waits for the runtime (window.candor). */
async function go(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
}

/** Exposures received for one visitor and slot, in the order they were logged. */
async function exposures(id: string, slot: string, atLeast: number): Promise<Beacon[]> {
  const mine = (events: Beacon[]) => events.filter((e) => e.type === 'exposure' && e.visitorId === id && e.slot === slot);
  return mine(await h.beacons((events) => mine(events).length >= atLeast, 15_000)).sort((a, b) => Number(a.ts) - Number(b.ts));
}

describe('demo walkthroughs in Chromium', () => {
  it('Developers: read docs.html and docs-api.html, then go back to / — every targeted visitor gets the developer headline', async () => {
    let targeted = 0;
    await h.visitors(8, async (page, origin) => {
      await go(page, site('', origin));
      const first = await decision(page, 'hero');
      // The precondition of the old failure: nothing matched on the first page.
      expect(first.counterfactual).toBe('baseline');
      await go(page, site('docs.html', origin));
      await go(page, site('docs-api.html', origin));
      await go(page, site('', origin));
      const back = await decision(page, 'hero');
      expect(back.arm).toBe(first.arm);
      expect(back.counterfactual).toBe('hero-dev');
      const shown = await shownSlots(page);
      // On a busy machine the parser may reach the hero's closing tag only after the 300 ms cap: then, by design, the
      // standard content stays for this page view, and this visitor's check is that it does.
      const capped = (await cappedSlots(page)).includes('hero');
      if (capped) {
        expect(shown.hero).toBe('baseline');
      } else if (first.arm === 'targeted') {
        targeted++;
        expect(shown.hero).toBe('hero-dev');
        expect(await page.textContent('[data-candor-slot=hero] h1')).toContain('API');
        expect(
          await page.evaluate(async () => {
            const { candor } = window as unknown as { candor: PageCandor };
            await candor.loadExplanations();
            return candor.explain('hero')?.reason;
          }),
        ).toBe('audience-match');
      } else if (first.arm === 'explore') {
        expect(shown.hero).toBe(first.experience);
      } else {
        expect(shown.hero).toBe('baseline');
      }
      // The events say so: a second exposure, same arm, the new counterfactual.
      await page.evaluate(() => {
        (window as unknown as { candor: PageCandor }).candor.flush();
      });
      const logged = await exposures(await visitorId(page), 'hero', 2);
      expect(logged.map((e) => [e.arm, e.counterfactual])).toEqual([
        [first.arm, 'baseline'],
        [first.arm, 'hero-dev'],
      ]);
    });
    expect(targeted).toBeGreaterThan(0);
  });

  it('Returning visitor: / now, / again 100 minutes later — every targeted visitor is welcomed back', async () => {
    let targeted = 0;
    const t0 = Date.now();
    await concurrently(8, async () => {
      const { context, page } = await h.open();
      await context.clock.install({ time: t0 });
      await go(page, site());
      const first = await decision(page, 'hero');
      expect(first.counterfactual).toBe('baseline');
      await context.clock.setSystemTime(t0 + 100 * 60_000);
      await go(page, site());
      const back = await decision(page, 'hero');
      expect(back.arm).toBe(first.arm);
      expect(back.counterfactual).toBe('hero-returning');
      if (first.arm === 'targeted' && (await cappedSlots(page)).includes('hero')) {
        expect((await shownSlots(page)).hero).toBe('baseline'); // the 300 ms cap (see the developers' walkthrough)
      } else if (first.arm === 'targeted') {
        targeted++;
        expect((await shownSlots(page)).hero).toBe('hero-returning');
        expect(await page.textContent('[data-candor-slot=hero] h1')).toBe('Pick up where you left off');
      }
      await context.close();
    });
    expect(targeted).toBeGreaterThan(0);
  });

  it('Healthcare campaign: the whole page speaks to healthcare teams, on every page; no page mixes two audiences', async () => {
    const pageAudiences = async (page: Page) => {
      const shown = await shownSlots(page);
      const personalized = Object.values(shown).filter((e): e is string => !!e && e !== 'baseline');
      return { shown, audiences: new Set(personalized.map((e) => e.replace(/^(hero|proof|cta)-/, ''))) };
    };
    let targeted = 0;
    await h.visitors(6, async (page, origin) => {
      await go(page, site('?utm_source=linkedin&utm_medium=paid&utm_campaign=health-2026q4', origin));
      for (const path of ['pricing.html', 'docs.html', '']) {
        const { shown, audiences } = await pageAudiences(page);
        expect(audiences.size, JSON.stringify(shown)).toBeLessThanOrEqual(1);
        await go(page, site(path, origin));
      }
      const hero = await decision(page, 'hero');
      const proof = await decision(page, 'proof');
      if (hero.arm === 'targeted') {
        targeted++;
        expect(hero.experience).toBe('hero-health');
        if (proof.arm === 'targeted') expect(proof.experience).toBe('proof-health');
      }
    });
    expect(targeted).toBeGreaterThan(0);

    // Explorers, chosen ahead (their id is stored before the first page view): a healthcare-campaign visitor whose
    // exploration drew another audience sees that audience in every slot, never a healthcare hero next to an
    // automotive testimonial.
    const { config } = validateConfig(JSON.parse(readFileSync('examples/marketing-site/candor.config.json', 'utf8')));
    if (!config) throw new Error('the example config is invalid');
    const explorers: string[] = [];
    for (let n = 0; explorers.length < 3 && n < 100_000; n++) {
      const d = decide({ config, slot: 'hero', visitorId: `explorer-${n}`, signals: { 'utm.campaign': 'health-2026q4' }, consent: { tier: 'relationship', gpc: false } });
      if (d.arm === 'explore' && d.experience !== 'baseline' && d.experience !== 'hero-health') explorers.push(`explorer-${n}`);
    }
    await concurrently(explorers.length, async (i) => {
      const id = explorers[i] ?? '';
      const { context, page } = await h.open();
      await storeVisitorId(context, id);
      await go(page, site('?utm_campaign=health-2026q4'));
      const [hero, proof] = [await decision(page, 'hero'), await decision(page, 'proof')];
      expect([hero.arm, proof.arm], id).toEqual(['explore', 'explore']);
      const { shown, audiences } = await pageAudiences(page);
      expect(audiences.size, JSON.stringify(shown)).toBe(1);
      expect(audiences.has('health'), JSON.stringify(shown)).toBe(false);
      await context.close();
    });
  });

  it('Single-page app: read the docs, then come back home — the headline talks to developers', async () => {
    let targeted = 0;
    await h.visitors(8, async (page, origin) => {
      await page.goto(`${origin}/examples/spa/`, { waitUntil: 'load' });
      const first = await page.getAttribute('[data-candor-slot=spa-hero]', 'data-candor-shown');
      await page.click('a[href="/examples/spa/docs"]');
      await page.waitForSelector('h1:text("Docs")');
      await page.click('a[href="/examples/spa/"]');
      await page.waitForSelector('[data-candor-slot=spa-hero]');
      const after = await page.getAttribute('[data-candor-slot=spa-hero]', 'data-candor-shown');
      const arm = await page.evaluate(() => {
        const raw = JSON.parse(localStorage.getItem('candor:v1') ?? '{}') as { assignments?: Record<string, { arm: string; counterfactual: string }> };
        return raw.assignments?.['spa-hero'];
      });
      expect(arm?.counterfactual).toBe('spa-hero-dev');
      if (arm?.arm === 'targeted') {
        targeted++;
        expect(first).toBe('baseline');
        expect(after).toBe('spa-hero-dev');
        expect(await page.textContent('[data-candor-slot=spa-hero] h1')).toBe('Workflows as code, tested locally');
      }
    });
    expect(targeted).toBeGreaterThan(0);
  });
});
