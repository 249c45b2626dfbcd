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
  /** The note (null: nothing queued; undefined: no marker, or it throws, so the queue may hold events). */
  const note = (): string | null | undefined => {
    try {
      return marker?.getItem(MARKER);
    } catch {
      return undefined;
    }
  };
  /** Notes that the queue may hold events; each note is new, so a read can tell that an add came in meanwhile. */
  const mark = (): void => {
    try {
      marker?.setItem(MARKER, `${String(now())}-${String(Math.random()).slice(2)}`);
    } catch {
      // Unmarked: the next page view finds nothing to send.
    }
  };
  /** Removes the note, unless it changed since `seen` was read (an add, here or in another tab, came in meanwhile). */
  const unmark = (seen: string | null | undefined): void => {
    try {
      if (seen != null && marker?.getItem(MARKER) === seen) marker.removeItem(MARKER);
    } catch {
      // Kept: the next page view reads the queue once more.
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
  const edit = (fn: (items: QueuedEvent[]) => QueuedEvent[]) =>
    safe(() => update<QueuedEvent[]>(KEY, (items) => fresh(fn(fresh(items))), db()), undefined);
  return {
    add: (u, events) => {
      // Noted before the write (a page closed mid-write still has the next page view look) and after it (a read that
      // found the queue empty meanwhile cannot leave it unnoted).
      mark();
      return edit((items) =>
        items
          .concat(events.map((e) => ({ u, e })))
          .sort((a, b) => a.e.ts - b.e.ts)
          .slice(-max),
      ).then(() => {
        mark();
      });
    },
    read: (u) => {
      const seen = note();
      if (seen === null) return Promise.resolve([]);
      return safe(
        () =>
          get<QueuedEvent[]>(KEY, db()).then((items) => {
            const all = fresh(items);
            // Nothing queued for any URL: the note goes, so later page views open no IndexedDB.
            if (!all.length) unmark(seen);
            return all.filter((q) => q.u == u).map((q) => q.e);
          }),
        [],
      );
    },
    remove: (ids) => {
      const gone = new Set(ids);
      return edit((items) => items.filter((q) => !gone.has(q.e.id)));
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
