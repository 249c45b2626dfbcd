import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import type { CandorEvent } from '../../../src/core/types.js';
import { createEventQueue } from '../../../src/events/event-queue.js';
import { urlSink } from '../../../src/events/sinks/url-sink.js';
import { exposure } from './sample-events.js';

const NOW = 1_790_000_000_000;
let n = 0;

/** A window with recording sendBeacon/fetch and a manual timer queue. `statuses`: fetch answers in turn (0 = network error). */
interface Setup {
  /** What sendBeacon returns; null: no sendBeacon. */
  beacon?: boolean | null;
  statuses?: number[];
  retries?: number;
}
function setup({ beacon = true, statuses = [], retries = 6 }: Setup = {}) {
  const beacons: { url: string; body: unknown }[] = [];
  const fetches: { url: string; init: RequestInit }[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const win = {
    navigator: beacon === null ? {} : { sendBeacon: (url: string, body: unknown) => (beacons.push({ url, body }), beacon) },
    fetch: (url: string, init: RequestInit) => {
      fetches.push({ url, init });
      const status = statuses.shift() ?? 204;
      return status == 0 ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve({ ok: status >= 200 && status < 300, status });
    },
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
  } as unknown as Window;
  const queue = createEventQueue({ now: () => NOW, store: createStore(`url-sink-${++n}`, 'state') });
  const sink = urlSink('/collect', { win, queue, retries });
  const bodies = () => fetches.map((f) => JSON.parse(f.init.body as string) as CandorEvent[]);
  return { sink, queue, beacons, fetches, timers, bodies };
}

const events = (count: number) => Array.from({ length: count }, (_, i) => exposure({ ts: NOW - 1000 + i }));

describe('urlSink', () => {
  it('is batched, and while the page is shown POSTs a JSON array with a keepalive fetch', async () => {
    const { sink, fetches, beacons, bodies } = setup();
    expect(sink.batched).toBe(true);
    const batch = events(2);
    await expect(sink(batch)).resolves.toBe(true);
    expect(beacons).toEqual([]);
    expect(fetches).toEqual([{ url: '/collect', init: { method: 'POST', keepalive: true, body: JSON.stringify(batch) } }]);
    expect(bodies()).toEqual([batch]);
  });

  it('uses sendBeacon with a JSON string (sent as text/plain, no preflight) when the page is being left', async () => {
    const { sink, fetches, beacons } = setup();
    const batch = events(3);
    await expect(sink(batch, true)).resolves.toBe(true);
    expect(fetches).toEqual([]);
    expect(beacons).toHaveLength(1);
    expect(beacons[0]?.url).toBe('/collect');
    expect(typeof beacons[0]?.body).toBe('string');
    expect(JSON.parse(beacons[0]?.body as string)).toEqual(batch);
  });

  it('falls back to a keepalive fetch when sendBeacon refuses or is missing', async () => {
    for (const beacon of [false, null]) {
      const { sink, fetches, bodies } = setup({ beacon });
      const batch = events(1);
      await expect(sink(batch, true)).resolves.toBe(true);
      expect(fetches).toHaveLength(1);
      expect(fetches[0]?.init.keepalive).toBe(true);
      expect(bodies()).toEqual([batch]);
    }
  });

  it('splits large batches into requests of at most 50 events', async () => {
    const { sink, bodies } = setup();
    await sink(events(120));
    expect(bodies().map((b) => b.length)).toEqual([50, 50, 20]);
  });

  it.each([
    ['a server error', 503],
    ['a network error', 0],
  ])('queues a batch that fails with %s and retries it after 1 s', async (_, status) => {
    const { sink, queue, timers, bodies } = setup({ statuses: [status] });
    const batch = events(2);
    await expect(sink(batch)).resolves.toBe(false);
    expect(await queue.read('/collect')).toEqual(batch);
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    timers[0]?.fn(); // starts the drain; drain() joins the one in flight
    await sink.drain?.();
    expect(bodies()).toEqual([batch, batch]);
    expect(await queue.read('/collect')).toEqual([]);
  });

  it('backs off exponentially up to 60 s, a bounded number of times per page view', async () => {
    const { sink, timers } = setup({ statuses: Array<number>(20).fill(503), retries: 8 });
    await sink(events(1));
    for (let i = 0; i < 10 && timers[i]; i++) {
      timers[i]?.fn();
      await sink.drain?.();
    }
    expect(timers.map((t) => t.ms)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('drainQueue sends queued events once, then removes them', async () => {
    const { sink, queue, bodies } = setup();
    const earlier = events(3);
    await queue.add('/collect', earlier);
    await queue.add('/elsewhere', events(1));
    await Promise.all([sink.drain?.(), sink.drain?.()]);
    await sink.drain?.();
    expect(bodies()).toEqual([earlier]);
    expect(await queue.read('/collect')).toEqual([]);
    expect(await queue.read('/elsewhere')).toHaveLength(1);
  });

  it('keeps queued events when the drain fails, for a later retry or page view', async () => {
    const { sink, queue, timers } = setup({ statuses: [500] });
    const earlier = events(2);
    await queue.add('/collect', earlier);
    await sink.drain?.();
    expect(await queue.read('/collect')).toEqual(earlier);
    expect(timers.map((t) => t.ms)).toEqual([1000]);
  });

  it('after a failure, queues a batch before sending it and removes it once a fetch confirms delivery', async () => {
    const { sink, queue } = setup({ statuses: [503, 204] });
    await sink(events(1));
    await queue.remove((await queue.read('/collect')).map((e) => e.id));
    let queuedWhileSending: CandorEvent[] = [];
    const realAdd = queue.add.bind(queue);
    queue.add = async (url, batch) => {
      await realAdd(url, batch);
      queuedWhileSending = await queue.read('/collect');
    };
    const batch = events(2);
    await expect(sink(batch)).resolves.toBe(true);
    expect(queuedWhileSending).toEqual(batch);
    expect(await queue.read('/collect')).toEqual([]);
  });

  it('after a failure, also queues what it beacons on exit (a beacon cannot report failure)', async () => {
    const { sink, queue, beacons } = setup({ statuses: [503] });
    const first = events(1);
    await sink(first);
    const last = events(2);
    await expect(sink(last, true)).resolves.toBe(true);
    expect(beacons).toHaveLength(1);
    expect((await queue.read('/collect')).map((e) => e.id).sort()).toEqual([...first, ...last].map((e) => e.id).sort());
  });
});
