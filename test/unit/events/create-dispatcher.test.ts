import { createStore } from 'idb-keyval';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CandorEvent } from '../../../src/core/types.js';
import { createDispatcher } from '../../../src/events/create-dispatcher.js';
import { createEventQueue } from '../../../src/events/event-queue.js';
import type { Sink } from '../../../src/events/sinks/sink.js';
import { urlSink } from '../../../src/events/sinks/url-sink.js';
import { conversion, exposure } from './sample-events.js';

/** A fresh window per test, so page listeners do not pile up. */
const newWindow = (): Window => {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  if (!frame.contentWindow) throw new Error('jsdom made no iframe window');
  return frame.contentWindow;
};

/** A sink recording calls; `batched` like a URL sink. */
function recorder(batched: boolean) {
  const calls: { events: CandorEvent[]; exiting: boolean | undefined }[] = [];
  const sink: Sink = (events, exiting) => {
    calls.push({ events: [...events], exiting });
    return batched ? Promise.resolve(true) : undefined;
  };
  if (batched) sink.batched = true;
  return { sink, calls };
}

const setHidden = (win: Window) => {
  Object.defineProperty(win.document, 'visibilityState', { value: 'hidden', configurable: true });
  win.document.dispatchEvent(new Event('visibilitychange'));
};

afterEach(() => {
  vi.useRealTimers();
});

describe('createDispatcher', () => {
  it('gives in-page sinks each event at once and URL sinks one batch after batchMs', () => {
    vi.useFakeTimers();
    const win = newWindow();
    const now = recorder(false);
    const url = recorder(true);
    const d = createDispatcher({ sinks: [now.sink, url.sink], win, now: Date.now, batchMs: 250 });
    const [a, b] = [exposure(), conversion()];
    d.emit(a);
    d.emit(b);
    expect(now.calls).toEqual([{ events: [a], exiting: undefined }, { events: [b], exiting: undefined }]);
    expect(url.calls).toEqual([]);
    vi.advanceTimersByTime(249);
    expect(url.calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(url.calls).toEqual([{ events: [a, b], exiting: undefined }]);
    vi.advanceTimersByTime(10_000);
    expect(url.calls).toHaveLength(1);
  });

  it('flushes with exiting=true on pagehide, before the timer', () => {
    const win = newWindow();
    const url = recorder(true);
    const d = createDispatcher({ sinks: [url.sink], win, batchMs: 60_000 });
    const e = exposure();
    d.emit(e);
    win.dispatchEvent(new Event('pagehide'));
    expect(url.calls).toEqual([{ events: [e], exiting: true }]);
    win.dispatchEvent(new Event('pagehide'));
    expect(url.calls).toHaveLength(1); // nothing left to send
  });

  it('flushes with exiting=true when the page becomes hidden', () => {
    const win = newWindow();
    const url = recorder(true);
    const d = createDispatcher({ sinks: [url.sink], win, batchMs: 60_000 });
    d.emit(exposure());
    setHidden(win);
    expect(url.calls).toEqual([{ events: [expect.objectContaining({ type: 'exposure' })], exiting: true }]);
  });

  it('flush() sends the buffer now', () => {
    const win = newWindow();
    const url = recorder(true);
    const d = createDispatcher({ sinks: [url.sink], win, batchMs: 60_000 });
    d.flush();
    expect(url.calls).toEqual([]); // nothing buffered: no empty request
    d.emit(exposure());
    d.flush();
    expect(url.calls).toHaveLength(1);
  });

  it('isolates a throwing or rejecting sink from the others, and never throws', async () => {
    const win = newWindow();
    const ok = recorder(false);
    const okUrl = recorder(true);
    const throwing: Sink = () => {
      throw new Error('broken site callback');
    };
    const rejecting: Sink = () => Promise.reject(new Error('broken'));
    rejecting.batched = true;
    const badDrain: Sink = () => undefined;
    badDrain.drain = () => Promise.reject(new Error('x'));
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const d = createDispatcher({ sinks: [throwing, rejecting, ok.sink, badDrain, okUrl.sink], win });
    expect(() => {
      d.emit(exposure());
      d.flush();
    }).not.toThrow();
    expect(ok.calls).toHaveLength(1);
    expect(okUrl.calls).toHaveLength(1);
    await expect(d.drainQueue()).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 0));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('drainQueue drains every sink that has a queue', async () => {
    const a = vi.fn(() => Promise.resolve());
    const sink: Sink = () => undefined;
    sink.drain = a;
    await createDispatcher({ sinks: [sink, recorder(false).sink], win: newWindow() }).drainQueue();
    expect(a).toHaveBeenCalledOnce();
  });

  it('with a URL sink, beacons every exposure synchronously inside pagehide (an immediate navigation away loses nothing)', () => {
    const win = newWindow();
    const beacons: string[] = [];
    Object.defineProperty(win.navigator, 'sendBeacon', { value: (_url: string, body: string) => beacons.push(body) > 0 });
    const queue = createEventQueue({ now: Date.now, store: createStore('dispatcher-beacon', 'state') });
    const d = createDispatcher({ sinks: [urlSink('/collect', { win, queue })], win });
    const exposures = [exposure({ slot: 'hero' }), exposure({ slot: 'pricing' })];
    for (const e of exposures) d.emit(e);
    win.dispatchEvent(new Event('pagehide'));
    expect(beacons).toHaveLength(1); // sent before the handler returned
    expect(JSON.parse(beacons[0] ?? '')).toEqual(exposures);
  });
});
