/**
 * Local memory in a real browser (issue 3): page views and sections survive reloads, a slot's decision is sticky
 * across reloads, a sandboxed iframe (where every storage API throws) still gets a correct page and one clear console
 * message, `forget()` leaves nothing behind, and two tabs agree.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Decision, Tier } from '../../src/core/types.js';
import { useHarness, nextFrames, runtimeStarted, shownSlots } from './script-tag-harness.js';

const h = useHarness();
const url = (path: string) => `${h.origin}/pages/storage/${path}`;

interface PageCandor {
  decide(slot: string): Decision;
  forget(): Promise<void>;
  setConsent(tier: Tier): void;
  consent(): { tier: Tier };
}
const decide = async (page: Page, slot: string) => {
  await runtimeStarted(page);
  return page.evaluate((s) => (window as unknown as { candor: PageCandor }).candor.decide(s), slot);
};

/** Everything this origin holds in the page's own view: localStorage, cookies, and every IndexedDB record. */
function leftovers(page: Page): Promise<{ localStorage: string[]; cookie: string; indexedDB: Record<string, number> }> {
  return page.evaluate(async () => {
    const records: Record<string, number> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const name = info.name;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          resolve(open.result);
        };
        open.onerror = () => {
          reject(open.error ?? new Error('open failed'));
        };
      });
      for (const store of Array.from(db.objectStoreNames)) {
        records[`${name}/${store}`] = await new Promise<number>((resolve) => {
          const count = db.transaction(store).objectStore(store).count();
          count.onsuccess = () => {
            resolve(count.result);
          };
          count.onerror = () => {
            resolve(-1);
          };
        });
      }
      db.close();
    }
    return { localStorage: Object.keys(localStorage), cookie: document.cookie, indexedDB: records };
  });
}

describe('storage', () => {
  it('page views per section and visit counts survive reloads and drive later decisions', async () => {
    const { page } = await h.open();
    await page.goto(url('docs.html'), { waitUntil: 'load' });
    await page.goto(url('docs.html'), { waitUntil: 'load' });
    await page.goto(url('index.html'), { waitUntil: 'load' });
    expect(await shownSlots(page)).toMatchObject({ hero: 'hero-dev', counter: 'counter-regular' });
    const hero = await decide(page, 'hero');
    expect(hero.signals.find((s) => s.name === 'pages.docs')?.value).toBe(2);
    const counter = await decide(page, 'counter');
    expect(counter.signals.find((s) => s.name === 'visit.count')?.value).toBeGreaterThanOrEqual(2);
  });

  it('the same slot is sticky across reloads: the arm always, and what was shown once it is shown', async () => {
    const { page } = await h.open();
    await page.goto(url('index.html'), { waitUntil: 'load' });
    let first = await decide(page, 'lottery');
    let redecided = 0;
    for (let i = 0; i < 4; i++) {
      await page.reload({ waitUntil: 'load' });
      const again = await decide(page, 'lottery');
      expect(again.arm).toBe(first.arm);
      if (first.counterfactual === 'baseline' && again.counterfactual !== 'baseline') {
        // The second page view makes the visitor "regular" (visit.count ≥ 2): the slot is decided again, once.
        redecided++;
        expect(again).toMatchObject({ sticky: false, counterfactual: 'lottery-c' });
        if (first.arm === 'targeted') expect(again.experience).toBe('lottery-c');
        else expect(again.experience).toBe(first.experience);
        first = again;
      } else {
        expect(again).toMatchObject({ experience: first.experience, arm: first.arm, decisionId: first.decisionId, sticky: true });
      }
      expect((await shownSlots(page)).lottery).toBe(again.experience);
    }
    expect(redecided).toBeLessThanOrEqual(1);
  });

  it('a sandboxed iframe, where storage throws, still shows a correct page and one clear console message', async () => {
    const { page, console: messages, pageErrors } = await h.open();
    await page.goto(url('sandboxed.html'), { waitUntil: 'load' });
    const frame = page.frames().find((f) => f.url().includes('/pages/storage/index.html'));
    expect(frame).toBeDefined();
    if (!frame) return;
    await frame.waitForFunction(() => document.querySelectorAll('[data-candor-shown]').length === 3);
    await runtimeStarted(frame);
    expect(await frame.evaluate(() => {
      try {
        return typeof localStorage.length;
      } catch {
        return 'throws';
      }
    })).toBe('throws');
    // Correct: each slot shows what Candor decided for it, and the visible content matches.
    const state = await frame.evaluate(() => {
      const candor = (window as unknown as { candor: { decide(s: string): { experience: string } } }).candor;
      return Array.from(document.querySelectorAll('[data-candor-slot]'), (slot) => ({
        decided: candor.decide(slot.getAttribute('data-candor-slot') ?? '').experience,
        shown: slot.getAttribute('data-candor-shown'),
        standardVisible: (slot.querySelector('h1,p')?.textContent ?? '').startsWith('Standard'),
      }));
    });
    for (const slot of state) {
      expect(slot.shown).toBe(slot.decided);
      expect(slot.standardVisible).toBe(slot.decided === 'baseline');
    }
    const candorMessages = messages.filter((m) => m.text().startsWith('candor:'));
    expect(candorMessages.map((m) => m.text())).toHaveLength(1);
    expect(candorMessages[0]?.text()).toMatch(/storage/i);
    expect(pageErrors).toEqual([]);
  });

  it('forget() leaves nothing in localStorage, cookies or IndexedDB, and the next decision starts fresh', async () => {
    const { page } = await h.open();
    await page.goto(url('docs.html'), { waitUntil: 'load' });
    await page.goto(url('index.html?utm_campaign=health-2026q4'), { waitUntil: 'load' });
    const before = await decide(page, 'lottery');
    const stored = await leftovers(page);
    expect(stored.localStorage.length + Object.values(stored.indexedDB).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    await page.evaluate(() => (window as unknown as { candor: PageCandor }).candor.forget());
    await nextFrames(page);
    const after = await leftovers(page);
    expect(after.localStorage).toEqual([]);
    expect(after.cookie).toBe('');
    expect(Object.values(after.indexedDB).every((n) => n === 0)).toBe(true);
    // The standard content shows at once.
    expect(Object.values(await shownSlots(page)).every((s) => s === 'baseline')).toBe(true);

    await page.goto(url('index.html'), { waitUntil: 'load' });
    const fresh = await decide(page, 'lottery');
    expect(fresh.decisionId).not.toBe(before.decisionId);
    expect(fresh.signals.find((s) => s.name === 'pages.docs')?.value ?? 0).toBe(0);
  });

  it('two tabs agree: the same decisions, and a consent change in one is seen by the other', async () => {
    const { context, page: first } = await h.open();
    await first.goto(url('index.html'), { waitUntil: 'load' });
    const second = await context.newPage();
    await second.goto(url('index.html'), { waitUntil: 'load' });
    // The second tab is the visitor's second page view ("regular"): the first tab, asked again, decides the same.
    for (const slot of ['hero', 'counter', 'lottery']) {
      const [a, b] = [await decide(first, slot), await decide(second, slot)];
      expect(a.decisionId, slot).toBe(b.decisionId);
      expect(a.experience, slot).toBe(b.experience);
    }
    expect((await shownSlots(second)).counter).toBe('counter-regular');

    await first.evaluate(() => {
      (window as unknown as { candor: PageCandor }).candor.setConsent('low');
    });
    await second.waitForFunction(() => (window as unknown as { candor: PageCandor }).candor.consent().tier === 'low');
    expect(await second.evaluate(() => (window as unknown as { candor: PageCandor }).candor.consent().tier)).toBe('low');
  });
});
