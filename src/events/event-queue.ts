import { get, update, type UseStore } from 'idb-keyval';
import type { CandorEvent } from '../core/types.js';
import { candorStore } from '../storage/candor-store.js';

/** An undelivered event and the URL it was meant for. */
export interface QueuedEvent {
  /** Sink URL. */
  u: string;
  /** The event. */
  e: CandorEvent;
}

/** The undeliverable-event queue. Every method resolves, never rejects (storage errors count as "nothing"). */
export interface EventQueue {
  /** Adds events for a URL; then drops expired and, beyond the size bound, the oldest. */
  add(url: string, events: readonly CandorEvent[]): Promise<void>;
  /** The queued, unexpired events for a URL, oldest first. */
  read(url: string): Promise<CandorEvent[]>;
  /** Removes the events with these ids (after they were delivered). */
  remove(ids: readonly string[]): Promise<void>;
}

/** Options of {@link createEventQueue}. */
export interface EventQueueOptions {
  /** Clock, milliseconds since the epoch. */
  now: () => number;
  /** idb-keyval store; default Candor's own (`candor`/`state`). The queue lives under the key `queue`. */
  store?: UseStore;
  /** Most events kept; the oldest are dropped first. Default 500. */
  max?: number;
  /** Oldest event kept, by its `ts`, in milliseconds. Default 7 days. */
  maxAge?: number;
  /**
   * Where the queue notes (key `candor:queued`) that it may hold events, so that reading a queue that was never
   * written opens no IndexedDB: most page views have nothing queued. Default: `localStorage` with Candor's own store,
   * none with a `store` given (then every read opens the store). Storage that throws counts as "may hold events".
   */
  marker?: Storage | null;
}

const MARKER = 'candor:queued';

const KEY = 'queue';

/**
 * The queue of events a URL sink could not deliver (offline, server errors), kept in IndexedDB under the key
 * `queue` of Candor's own store so that the next page view can send them. Bounded in size and age.
 * @example const queue = createEventQueue({ now: Date.now }); await queue.add('/collect', events);
 */
export function createEventQueue({ now, store, max = 500, maxAge = 6048e5, marker = store ? null : defaultMarker() }: EventQueueOptions): EventQueue {
  const db = () => store ?? candorStore();
  const mayHoldEvents = (): boolean => {
    try {
      return marker?.getItem(MARKER) !== null;
    } catch {
      return true;
    }
  };
  const mark = (queued: boolean): void => {
    try {
      if (queued) marker?.setItem(MARKER, '1');
      else marker?.removeItem(MARKER);
    } catch {
      // Unmarked: the next page view reads the queue anyway, or finds nothing.
    }
  };
  // Storage may be missing (throws) or broken (rejects): both mean "nothing queued".
  const safe = <T>(f: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return f().catch(() => fallback);
    } catch {
      return Promise.resolve(fallback);
    }
  };
  // Unexpired entries; anything unreadable under the key counts as nothing.
  const fresh = (items: unknown): QueuedEvent[] => {
    const min = now() - maxAge;
    return Array.isArray(items) ? (items as (Partial<QueuedEvent> | null)[]).filter((q): q is QueuedEvent => (q?.e?.ts ?? -1) >= min) : [];
  };
  /** Applies `fn` to the stored list; resolves to whether anything is left (true when unknown). */
  const edit = (fn: (items: QueuedEvent[]) => QueuedEvent[]): Promise<boolean> => {
    let left = true;
    return safe(
      () =>
        update<QueuedEvent[]>(
          KEY,
          (items) => {
            const next = fresh(fn(fresh(items)));
            left = next.length > 0;
            return next;
          },
          db(),
        ).then(() => left),
      true,
    );
  };
  return {
    add: (u, events) => {
      // Marked before and after the write: another tab that emptied the queue in between cannot leave it unmarked.
      mark(true);
      return edit((items) =>
        items
          .concat(events.map((e) => ({ u, e })))
          .sort((a, b) => a.e.ts - b.e.ts)
          .slice(-max),
      ).then(() => {
        mark(true);
      });
    },
    read: (u) =>
      mayHoldEvents() ? safe(() => get<QueuedEvent[]>(KEY, db()).then((items) => fresh(items).filter((q) => q.u == u).map((q) => q.e)), []) : Promise.resolve([]),
    remove: (ids) => {
      const gone = new Set(ids);
      return edit((items) => items.filter((q) => !gone.has(q.e.id))).then((left) => {
        if (!left) mark(false);
      });
    },
  };
}

/** `localStorage`, where there is one. */
function defaultMarker(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
