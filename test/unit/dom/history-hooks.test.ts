import { expect, it } from 'vitest';
import { onNavigation } from '../../../src/dom/history-hooks.js';

const path = (url: string) => new URL(url).pathname + new URL(url).search;

it('reports pushState and replaceState navigations that change the address, then unwinds', () => {
  const urls: string[] = [];
  const before = Object.getOwnPropertyDescriptor(History.prototype, 'pushState');
  const unwind = onNavigation(window, (url) => urls.push(path(url)));
  history.pushState({}, '', '/pricing');
  history.replaceState({ scroll: 1 }, '', '/pricing');
  history.replaceState({}, '', '/pricing#faq');
  history.replaceState({}, '', '/pricing?plan=team');
  history.pushState({}, '', '/docs');
  expect(urls).toEqual(['/pricing', '/pricing?plan=team', '/docs']);
  unwind();
  expect(Object.hasOwn(history, 'pushState')).toBe(false);
  expect(Object.getOwnPropertyDescriptor(History.prototype, 'pushState')).toEqual(before);
  history.pushState({}, '', '/after');
  expect(urls).toHaveLength(3);
});

it('reports popstate, and survives a throwing callback', () => {
  let calls = 0;
  const unwind = onNavigation(window, () => {
    calls++;
    throw new Error('boom');
  });
  history.replaceState({}, '', '/somewhere-else');
  window.dispatchEvent(new PopStateEvent('popstate'));
  expect(calls).toBe(1);
  history.replaceState({}, '', '/back');
  expect(calls).toBe(2);
  unwind();
});
