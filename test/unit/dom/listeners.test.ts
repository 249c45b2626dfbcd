import { afterEach, describe, expect, it, vi } from 'vitest';
import { onGoalClick } from '../../../src/dom/goal-clicks.js';
import { onDeclareField } from '../../../src/dom/declare-fields.js';
import { onTopic, CLICK_WEIGHT, VIEW_WEIGHT } from '../../../src/dom/topic-views.js';

/** The value, or a test failure saying it is missing. */
const must = <T>(value: T | null | undefined): T => {
  if (value == null) throw new Error('missing test fixture');
  return value;
};

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('onGoalClick', () => {
  it('reports clicks on and inside marked elements, even when the page stops propagation', () => {
    document.body.innerHTML = '<button data-candor-goal="demo-request"><span>Book</span></button><p>other</p>';
    const goals: string[] = [];
    const stop = onGoalClick(document, (g) => goals.push(g));
    document.querySelector('button')?.addEventListener('click', (e) => {
      e.stopPropagation();
    });
    document.querySelector('span')?.click();
    document.querySelector('p')?.click();
    document.dispatchEvent(new Event('click'));
    stop();
    document.querySelector('button')?.click();
    expect(goals).toEqual(['demo-request']);
  });
});

describe('onDeclareField', () => {
  it('reports marked fields on change and on submit, never passwords or unchecked boxes', () => {
    document.body.innerHTML = `<form>
      <select data-candor-declare="industry"><option value="">-</option><option value="healthcare">Healthcare</option></select>
      <input name="size" data-candor-declare="size" value=" 51-200 ">
      <input type="password" data-candor-declare="secret" value="hunter2">
      <input type="checkbox" data-candor-declare="newsletter" value="yes">
      <input name="plain" value="not marked">
    </form>`;
    const got: [string, string][] = [];
    onDeclareField(document, (k, v) => got.push([k, v]));
    const select = must(document.querySelector('select'));
    select.value = 'healthcare';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(got).toEqual([['industry', 'healthcare']]);
    got.length = 0;
    document.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(got).toEqual([
      ['industry', 'healthcare'],
      ['size', '51-200'],
    ]);
  });
});

describe('onTopic', () => {
  it('counts clicks on topic elements', () => {
    document.body.innerHTML = '<article data-candor-topic="security"><a href="#x">Read</a></article>';
    const got: [string, number][] = [];
    const stop = onTopic(document, (t, w) => got.push([t, w]));
    document.querySelector('a')?.click();
    stop();
    expect(got).toEqual([['security', CLICK_WEIGHT]]);
  });

  it('counts a view after 1 s at ≥ 50 % visible, once, and not a glance', () => {
    vi.useFakeTimers();
    let fire: (entries: Partial<IntersectionObserverEntry>[]) => void = () => undefined;
    const observed: Element[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(cb: (e: Partial<IntersectionObserverEntry>[]) => void) {
          fire = cb;
        }
        observe(el: Element) {
          observed.push(el);
        }
        unobserve() {
          observed.pop();
        }
        disconnect() {
          observed.length = 0;
        }
      },
    );
    document.body.innerHTML = '<article data-candor-topic="pricing">…</article>';
    const got: [string, number][] = [];
    onTopic(document, (t, w) => got.push([t, w]));
    const target = must(observed[0]);
    fire([{ target, intersectionRatio: 0.6 }]);
    vi.advanceTimersByTime(500);
    fire([{ target, intersectionRatio: 0.1 }]);
    vi.advanceTimersByTime(2000);
    expect(got).toEqual([]);
    fire([{ target, intersectionRatio: 0.6 }]);
    vi.advanceTimersByTime(1000);
    expect(got).toEqual([['pricing', VIEW_WEIGHT]]);
    expect(observed).toHaveLength(0);
  });
});
