import { beforeAll, afterEach, expect, it, vi } from 'vitest';
import { reserveSlot } from '../../../src/dom/reserve-slot.js';

/** The value, or a test failure saying it is missing. */
const must = <T>(value: T | null | undefined): T => {
  if (value == null) throw new Error('missing test fixture');
  return value;
};

/** jsdom has no constructable stylesheets: a minimal stand-in with the two members reserveSlot uses. */
beforeAll(() => {
  class Sheet {
    text = '';
    replaceSync(text: string) {
      this.text = text;
    }
  }
  vi.stubGlobal('CSSStyleSheet', Sheet);
  Object.defineProperty(document, 'adoptedStyleSheets', { value: [], writable: true, configurable: true });
});
afterEach(() => {
  vi.useRealTimers();
});

const slot = () => {
  document.body.innerHTML = '<section data-candor-slot="hero"><h1>x</h1></section>';
  return must(document.querySelector('section'));
};
const rules = () => (document.adoptedStyleSheets as unknown as { text: string }[]).map((s) => s.text);

it('hides only the slot, through a constructed stylesheet, and fails open within 300 ms', () => {
  vi.useFakeTimers();
  const el = slot();
  reserveSlot(el, 5000);
  expect(el.hasAttribute('data-candor-wait')).toBe(true);
  expect(document.body.hasAttribute('data-candor-wait')).toBe(false);
  expect(rules()).toHaveLength(1);
  expect(rules()[0]).toContain('[data-candor-slot][data-candor-wait] *');
  expect(rules()[0]).toContain('visibility:hidden!important');
  vi.advanceTimersByTime(299);
  expect(el.hasAttribute('data-candor-wait')).toBe(true);
  vi.advanceTimersByTime(1);
  expect(el.hasAttribute('data-candor-wait')).toBe(false);
});

it('shows the slot when released, and installs the rule only once', () => {
  const el = slot();
  const release = reserveSlot(el);
  reserveSlot(el)();
  release();
  release();
  expect(el.hasAttribute('data-candor-wait')).toBe(false);
  expect(rules()).toHaveLength(1);
});

it('given the document, marks <html> so only undecided slots wait, and reports when it expired', () => {
  vi.useFakeTimers();
  slot();
  const release = reserveSlot(document);
  expect(document.documentElement.hasAttribute('data-candor-wait')).toBe(true);
  expect(rules()[0]).toContain('html[data-candor-wait] [data-candor-slot]:not([data-candor-shown])');
  expect(release.expired()).toBe(false);
  vi.advanceTimersByTime(300);
  expect(release.expired()).toBe(true);
  expect(document.documentElement.hasAttribute('data-candor-wait')).toBe(false);
});
