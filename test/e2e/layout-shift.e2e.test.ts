/**
 * Candor causes no layout shift: every slot is decided before it is first rendered, so nothing moves afterwards.
 * Measured with the browser's own layout-shift entries (the CLS metric); a control page that swaps a slot after
 * paint proves the detector sees shifts.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, nextFrames, shownSlots } from './script-tag-harness.js';

const h = useHarness();

interface Shifts {
  /** Sum of all layout-shift values without recent input (the page's CLS, uncapped by session windows). */
  total: number;
  /** Sum of shifts whose moved nodes are inside a slot or after one in the document. */
  slots: number;
  count: number;
}

/** Reads every layout-shift entry of the page so far (buffered), once the page has rendered two more frames. */
function measure(page: Page): Promise<Shifts> {
  return page.evaluate(
    () =>
      new Promise<Shifts>((resolve) => {
        const entries: (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] })[] = [];
        new PerformanceObserver((list) => {
          entries.push(...(list.getEntries() as typeof entries));
        }).observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() => {
          requestAnimationFrame(() => {
            const slots = Array.from(document.querySelectorAll('[data-candor-slot]'));
            const touchesSlot = (node: Node) =>
              slots.some((slot) => slot.contains(node) || (slot.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
            let total = 0;
            let inSlots = 0;
            for (const entry of entries) {
              if (entry.hadRecentInput) continue;
              total += entry.value;
              if ((entry.sources ?? []).some((s) => s.node && touchesSlot(s.node))) inSlots += entry.value;
            }
            resolve({ total, slots: inSlots, count: entries.length });
          });
        });
      }),
  );
}

describe('layout shift', () => {
  it.each([
    ['standard visitor', ''],
    ['healthcare campaign', '?utm_source=linkedin&utm_campaign=health-2026q4'],
    ['logistics campaign', '?utm_campaign=logistics-week'],
    ['developer experience forced (template and config changes)', '?candor=hero:hero-dev,proof:proof-dev,cta:cta-dev'],
  ])('the example page has a CLS of 0 attributable to Candor: %s', async (_name, query) => {
    const { page, pageErrors } = await h.open();
    await page.goto(`${h.origin}/examples/marketing-site/${query}`, { waitUntil: 'load' });
    await nextFrames(page);
    const shown = await shownSlots(page);
    expect(Object.keys(shown)).toEqual(['hero', 'proof', 'cta']);
    expect(Object.values(shown).every((s) => s !== null)).toBe(true);
    const shifts = await measure(page);
    expect(shifts.slots).toBe(0);
    expect(shifts.total).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('the detector measures the shift of a slot swapped after paint (control)', async () => {
    const { page } = await h.open();
    await page.goto(`${h.origin}/pages/layout-shift/late-swap.html`, { waitUntil: 'load' });
    await page.waitForSelector('html[data-swapped]', { state: 'attached' });
    const shifts = await measure(page);
    expect(shifts.slots).toBeGreaterThan(0);
    expect(shifts.total).toBeGreaterThan(0);
  });
});
