import { createStore, get, set, type UseStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createEventQueue } from '../../../src/events/event-queue.js';
import { exposure } from './sample-events.js';

const DAY = 864e5;
const NOW = 1_790_000_000_000;
let n = 0;
const freshStore = (): UseStore => createStore(`queue-test-${++n}`, 'state');

describe('createEventQueue', () => {
  it('keeps events per URL under the key "queue" and removes delivered ones', async () => {
    const store = freshStore();
    const queue = createEventQueue({ now: () => NOW, store });
    const [a, b, c] = [exposure({ ts: NOW - 3 }), exposure({ ts: NOW - 2 }), exposure({ ts: NOW - 1 })];
    await queue.add('/collect', [a, b]);
    await queue.add('https://other.example/e', [c]);
    expect(await queue.read('/collect')).toEqual([a, b]);
    expect(await get('queue', store)).toHaveLength(3);
    await queue.remove([a.id]);
    expect(await queue.read('/collect')).toEqual([b]);
    expect(await queue.read('https://other.example/e')).toEqual([c]);
  });

  it('is bounded in size: beyond max the oldest events are dropped first', async () => {
    const queue = createEventQueue({ now: () => NOW, store: freshStore() });
    const events = Array.from({ length: 600 }, (_, i) => exposure({ ts: NOW - 600 + i }));
    await queue.add('/collect', events.slice(300));
    await queue.add('/collect', events.slice(0, 300)); // older ones arriving later still lose
    const kept = await queue.read('/collect');
    expect(kept).toHaveLength(500);
    expect(kept).toEqual(events.slice(100));
  });

  it('is bounded in age: events older than 7 days are dropped', async () => {
    let now = NOW;
    const store = freshStore();
    const queue = createEventQueue({ now: () => now, store });
    const old = exposure({ ts: NOW - 7 * DAY - 1 });
    const young = exposure({ ts: NOW - 6 * DAY });
    await queue.add('/collect', [old, young]);
    expect(await queue.read('/collect')).toEqual([young]);
    expect(await get('queue', store)).toEqual([{ u: '/collect', e: young }]);
    now += 2 * DAY;
    expect(await queue.read('/collect')).toEqual([]);
  });

  it('takes custom bounds', async () => {
    const queue = createEventQueue({ now: () => NOW, store: freshStore(), max: 2, maxAge: 10 });
    await queue.add('/c', [exposure({ ts: NOW - 11 }), exposure({ ts: NOW - 3 }), exposure({ ts: NOW - 2 }), exposure({ ts: NOW - 1 })]);
    expect((await queue.read('/c')).map((e) => e.ts)).toEqual([NOW - 2, NOW - 1]);
  });

  it('survives garbage under its key', async () => {
    const store = freshStore();
    await set('queue', 'not a list', store);
    const queue = createEventQueue({ now: () => NOW, store });
    expect(await queue.read('/collect')).toEqual([]);
    await queue.add('/collect', [exposure({ ts: NOW })]);
    expect(await queue.read('/collect')).toHaveLength(1);
    await set('queue', [null, { u: '/collect' }, 7, { u: '/collect', e: exposure({ ts: NOW }) }], store);
    expect(await queue.read('/collect')).toHaveLength(1);
    await queue.add('/collect', [exposure({ ts: NOW })]);
    expect(await queue.read('/collect')).toHaveLength(2);
  });

  it('never rejects when storage is missing or broken', async () => {
    const throwing = (() => {
      throw new Error('no IndexedDB');
    }) as unknown as UseStore;
    const rejecting: UseStore = () => Promise.reject(new Error('quota'));
    for (const store of [throwing, rejecting]) {
      const queue = createEventQueue({ now: () => NOW, store });
      await expect(queue.add('/c', [exposure()])).resolves.toBeUndefined();
      await expect(queue.read('/c')).resolves.toEqual([]);
      await expect(queue.remove(['x'])).resolves.toBeUndefined();
    }
  });
});

describe('the "may hold events" note', () => {
  it('reading a queue that was never written opens no IndexedDB; once written it is read, and once a read finds it empty the note goes', async () => {
    localStorage.clear();
    const real = freshStore();
    let opened = 0;
    const store: UseStore = (mode, callback) => {
      opened++;
      return real(mode, callback);
    };
    const queue = createEventQueue({ now: () => NOW, store, marker: localStorage });
    expect(await queue.read('/collect')).toEqual([]);
    expect(opened).toBe(0);

    const a = exposure({ ts: NOW - 1 });
    await queue.add('/collect', [a]);
    expect(localStorage.getItem('candor:queued')).not.toBeNull();
    // A later page view, with a new queue object, finds the note and reads the event.
    const later = createEventQueue({ now: () => NOW, store, marker: localStorage });
    expect(await later.read('/collect')).toEqual([a]);
    await later.remove([a.id]);
    // The next read (the next page view's) finds nothing queued, and removes the note.
    expect(await later.read('/collect')).toEqual([]);
    expect(localStorage.getItem('candor:queued')).toBeNull();
    opened = 0;
    expect(await later.read('/collect')).toEqual([]);
    expect(opened).toBe(0);
  });

  it('storage that throws counts as "may hold events": the queue is read', async () => {
    const throwing = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('blocked'); }, removeItem: () => undefined } as unknown as Storage;
    const store = freshStore();
    await set('queue', [{ u: '/collect', e: exposure({ ts: NOW - 1 }) }], store);
    const queue = createEventQueue({ now: () => NOW, store, marker: throwing });
    expect(await queue.read('/collect')).toHaveLength(1);
  });
});

describe('the note and a concurrent add', () => {
  it('a read that finds the queue empty keeps the note when an add came in meanwhile', async () => {
    localStorage.clear();
    const store = freshStore();
    const queue = createEventQueue({ now: () => NOW, store, marker: localStorage });
    localStorage.setItem('candor:queued', 'old');
    const reading = queue.read('/collect');
    // Another tab notes an add after this read began, before its write is in the store.
    localStorage.setItem('candor:queued', 'new');
    expect(await reading).toEqual([]);
    expect(localStorage.getItem('candor:queued')).toBe('new');
  });
});
