import type { CandorEvent } from '../../core/types.js';
import { createEventQueue, type EventQueue } from '../event-queue.js';
import type { Sink } from './sink.js';

/** Options of {@link urlSink}. */
export interface UrlSinkOptions {
  /** The window whose `fetch`, `navigator.sendBeacon` and `setTimeout` are used. */
  win: Window;
  /** Where undeliverable events wait. Default: Candor's IndexedDB queue (`createEventQueue({ now: Date.now })`). */
  queue?: EventQueue;
  /** Retries per page view before waiting for the next one. Default 6 (1 s, 2 s, 4 s … 60 s apart). */
  retries?: number;
}

/** Events per request: keeps a body well under the 64 KiB that sendBeacon and keepalive fetches may carry. */
const CHUNK = 50;

/**
 * A sink that POSTs batches of events as a JSON array to a URL (`text/plain` body, so no CORS preflight).
 * While the page is shown it uses `fetch(url, { keepalive: true })`, whose answer tells whether the batch
 * arrived; when the page is being hidden or left (`exiting`) it uses `navigator.sendBeacon`, falling back to
 * the keepalive fetch when sendBeacon is missing or refuses. A batch that fails (network error, non-2xx)
 * goes to the IndexedDB queue and is retried with exponential backoff, then on the next page view (`drain`).
 * After a failure on this page view, every batch is queued before it is sent (and removed once a fetch
 * confirms it), since the page may be gone before the answer, and a beacon cannot report failure at all.
 * Delivery is at-least-once: collectors drop duplicate ids.
 * @param url the collector URL (same origin, or a CORS-enabled one)
 * @example urlSink('/candor/events', { win: window, queue: createEventQueue({ now: Date.now }) })
 */
export function urlSink(url: string, { win, queue = createEventQueue({ now: Date.now }), retries = 6 }: UrlSinkOptions): Sink {
  let attempts = 0;
  let timer: number | undefined;
  let failing = false;
  let draining: Promise<void> | undefined;

  const post = (events: readonly CandorEvent[], beacon: boolean): Promise<boolean> => {
    const body = JSON.stringify(events);
    try {
      // A string body is sent as `text/plain;charset=UTF-8` (no CORS preflight), and costs Chromium about half the main-thread
      // time of the same body as a Blob (docs/benchmarks.md).
      if ((beacon || !('fetch' in win)) && win.navigator.sendBeacon(url, body)) return Promise.resolve(true);
    } catch {
      // no sendBeacon: fetch below
    }
    try {
      return win.fetch(url, { method: 'POST', keepalive: true, body }).then(
        (res) => res.ok,
        () => false,
      );
    } catch {
      return Promise.resolve(false);
    }
  };

  const chunks = (events: readonly CandorEvent[]) => {
    const out: CandorEvent[][] = [];
    for (let i = 0; i < events.length; i += CHUNK) out.push(events.slice(i, i + CHUNK));
    return out;
  };

  const retry = () => {
    failing = true;
    if (timer !== undefined || attempts >= retries) return;
    timer = win.setTimeout(() => {
      timer = undefined;
      void drain();
    }, Math.min(1e3 * 2 ** attempts++, 6e4));
  };

  const drain = (): Promise<void> =>
    (draining ??= queue
      .read(url)
      .then(async (events) => {
        for (const chunk of chunks(events)) {
          if (!(await post(chunk, false))) {
            retry();
            return;
          }
          failing = false;
          await queue.remove(chunk.map((e) => e.id));
        }
      })
      .catch(() => undefined)
      .finally(() => (draining = undefined)));

  const sink: Sink = (events, exiting = false) =>
    Promise.all(
      chunks(events).map((chunk) => {
        // After a failure, write ahead: the page may be gone before the answer comes.
        const queued = failing ? queue.add(url, chunk) : undefined;
        return post(chunk, exiting).then(async (ok) => {
          if (!ok) {
            await (queued ?? queue.add(url, chunk));
            retry();
          } else if (!exiting) {
            failing = false;
            if (queued) await queued.then(() => queue.remove(chunk.map((e) => e.id)));
          }
          return ok;
        });
      }),
    ).then((oks) => !oks.includes(false));
  sink.batched = true;
  sink.drain = drain;
  return sink;
}
