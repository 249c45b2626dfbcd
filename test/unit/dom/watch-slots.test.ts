import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchSlots } from '../../../src/dom/watch-slots.js';
import { findSlots } from '../../../src/dom/find-slots.js';

const flush = () => new Promise((r) => setTimeout(r, 0));
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.innerHTML = '';
});

describe('findSlots', () => {
  it('finds every slot in document order', () => {
    document.body.innerHTML = '<div data-candor-slot="a"></div><p><span data-candor-slot="b"></span></p>';
    expect(findSlots(document).map((s) => s.dataset.candorSlot)).toEqual(['a', 'b']);
  });
});

describe('watchSlots', () => {
  it('handles slots already in the page, once', async () => {
    document.body.innerHTML = '<div data-candor-slot="a">x</div>';
    const seen: string[] = [];
    stop = watchSlots(document, (s) => seen.push(s.dataset.candorSlot ?? ''));
    document.body.append(document.createElement('p'));
    await flush();
    expect(seen).toEqual(['a']);
  });

  it('handles slots added later (SPA), including nested ones and ones marked later, without polling', async () => {
    const seen: string[] = [];
    stop = watchSlots(document, (s) => seen.push(s.dataset.candorSlot ?? ''));
    const view = document.createElement('main');
    view.innerHTML = '<section data-candor-slot="pricing"><h1>Plans</h1></section>';
    document.body.append(view);
    await flush();
    const late = document.createElement('div');
    document.body.append(late);
    await flush();
    late.setAttribute('data-candor-slot', 'late');
    await flush();
    expect(seen).toEqual(['pricing', 'late']);
  });

  it('finds a slot deep in a subtree inserted whole, also when another child joins that subtree in the same task', async () => {
    const seen: string[] = [];
    stop = watchSlots(document, (s) => seen.push(s.dataset.candorSlot ?? ''));
    const view = document.createElement('main');
    view.innerHTML = '<section><div><p data-candor-slot="deep">x</p></div></section>';
    document.body.append(view); // one record for the whole subtree
    view.prepend(document.createElement('header')); // a record of its own: now the subtree's first child
    await flush();
    expect(seen).toEqual(['deep']);
  });

  it('stops when disconnected', async () => {
    const onSlot = vi.fn();
    watchSlots(document, onSlot)();
    document.body.innerHTML = '<div data-candor-slot="a"></div>';
    await flush();
    expect(onSlot).not.toHaveBeenCalled();
  });

  it('waits while the parser is inside a slot, then handles it once a node follows', async () => {
    const state = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    const seen: string[] = [];
    const pending: string[] = [];
    stop = watchSlots(
      document,
      (s) => seen.push(s.dataset.candorSlot ?? ''),
      (s) => pending.push(s.dataset.candorSlot ?? ''),
    );
    const slot = document.createElement('section');
    slot.setAttribute('data-candor-slot', 'hero');
    document.body.append(slot);
    await flush();
    expect(seen).toEqual([]);
    expect(pending).toEqual(['hero']);
    slot.append(document.createElement('h1'));
    await flush();
    expect(seen).toEqual([]);
    document.body.append(document.createTextNode('\n'));
    await flush();
    expect(seen).toEqual(['hero']);
    state.mockRestore();
  });

  it('handles pending slots at DOMContentLoaded', async () => {
    const state = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    const seen: string[] = [];
    stop = watchSlots(document, (s) => seen.push(s.dataset.candorSlot ?? ''));
    const slot = document.createElement('section');
    slot.setAttribute('data-candor-slot', 'cta');
    document.body.append(slot);
    await flush();
    expect(seen).toEqual([]);
    state.mockReturnValue('interactive');
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(seen).toEqual(['cta']);
    state.mockRestore();
  });

  it('keeps going when the callback throws', async () => {
    const seen: string[] = [];
    stop = watchSlots(document, (s) => {
      seen.push(s.dataset.candorSlot ?? '');
      throw new Error('boom');
    });
    document.body.innerHTML = '<div data-candor-slot="a"></div><div data-candor-slot="b"></div>';
    await flush();
    expect(seen).toEqual(['a', 'b']);
  });
});
