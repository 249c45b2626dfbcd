import type { CandorEvent } from '../core/types.js';
import type { Sink } from './sinks/sink.js';

/** Options of {@link createDispatcher}. */
export interface DispatcherOptions {
  /** Every sink gets every event; several at once is fine. */
  sinks: Sink[];
  /** The page's window (timers, `pagehide`, `visibilitychange`). Default `window`. */
  win?: Window;
  /** Clock; accepted for symmetry with the other factories, not needed by the dispatcher itself. */
  now?: () => number;
  /** How long URL sinks' events are buffered before a batch is sent. Default 250 ms. */
  batchMs?: number;
}

/** Sends events to sinks. No method throws. */
export interface Dispatcher {
  /** Hands an event to every sink: in-page sinks at once, URL sinks in the next batch. */
  emit(event: CandorEvent): void;
  /** Sends the buffered batch now; `exiting` (the page is going away) uses sendBeacon. */
  flush(exiting?: boolean): void;
  /** Sends events earlier page views could not deliver. Resolves when done; never rejects. */
  drainQueue(): Promise<void>;
}

/**
 * The event dispatcher: fans events out to sinks, batches URL deliveries (flushed on a short timer, and
 * with sendBeacon when the page is hidden or left, so exposures survive an immediate navigation away),
 * and isolates sinks from each other: one sink throwing never affects another.
 * @example const d = createDispatcher({ sinks: [functionSink(console.log)], now: Date.now }); d.emit(event);
 */
export function createDispatcher({ sinks, win = window, batchMs = 250 }: DispatcherOptions): Dispatcher {
  let buffer: CandorEvent[] = [];
  let timer: number | undefined;

  const call = (sink: Sink, events: readonly CandorEvent[], exiting?: boolean) => {
    try {
      void sink(events, exiting)?.catch(() => false);
    } catch {
      // a broken sink must not affect the others
    }
  };

  const flush = (exiting?: boolean) => {
    try {
      win.clearTimeout(timer);
      timer = undefined;
      const batch = buffer;
      buffer = [];
      if (batch.length) for (const sink of sinks) if (sink.batched) call(sink, batch, exiting);
    } catch {
      // never throws
    }
  };

  try {
    win.addEventListener('pagehide', () => {
      flush(true);
    });
    win.document.addEventListener('visibilitychange', () => {
      if (win.document.visibilityState == 'hidden') flush(true);
    });
  } catch {
    // no DOM: timer and manual flushes still work
  }

  return {
    emit(event) {
      try {
        let batched = false;
        for (const sink of sinks) {
          if (sink.batched) batched = true;
          else call(sink, [event]);
        }
        if (batched) {
          buffer.push(event);
          timer ??= win.setTimeout(flush, batchMs);
        }
      } catch {
        // never throws
      }
    },
    flush,
    drainQueue: () =>
      Promise.all(sinks.flatMap((sink) => (sink.drain ? [sink.drain()] : []))).then(
        () => undefined,
        () => undefined,
      ),
  };
}
