import { createStore, del, get, update, type UseStore } from 'idb-keyval';
import type { Tier } from '../core/types.js';

/** One remembered event, kept in IndexedDB (never needed before first paint). */
export interface HistoryEntry {
  /** ms since the epoch. */
  at: number;
  /** `page` and `goal` are relationship tier, `topic` is high tier. */
  kind: 'page' | 'goal' | 'topic';
  /** The path, goal name or topic (at most 200 characters). */
  value: string;
}

/** History bounds: entries and age. */
export const HISTORY_LIMITS = { entries: 200, maxAgeMs: 90 * 864e5 } as const;

const HISTORY_KEY = 'history';
let store: UseStore | undefined;

/**
 * Candor's own IndexedDB store: database `candor`, object store `state` (never idb-keyval's shared default database,
 * which any other script on the site could clear). One object store per database; other modules use their own keys
 * in it (`history` here, `queue` for the event queue). Created lazily on first call, and afresh after {@link forgetAll}
 * deleted the database, so call it per operation rather than keeping the result.
 * @example await set('queue', events, candorStore())
 */
export function candorStore(): UseStore {
  return (store ??= createStore('candor', 'state'));
}

/**
 * Closes the store's open connection, if any, and forgets it, so the `candor` database can be deleted without waiting
 * for the page to close; the next {@link candorStore} call opens a new connection. Call it when another tab forgot
 * everything. Never rejects.
 * @example await closeCandorStore()
 */
export async function closeCandorStore(): Promise<void> {
  const s = store;
  store = undefined;
  try {
    await s?.('readonly', (o) => {
      o.transaction.db.close();
      return Promise.resolve();
    });
  } catch {
    // Never opened, or already closed.
  }
}

const valid = (e: unknown): e is HistoryEntry =>
  typeof e === 'object' && e !== null &&
  typeof (e as HistoryEntry).at === 'number' &&
  ['page', 'goal', 'topic'].includes((e as HistoryEntry).kind) &&
  typeof (e as HistoryEntry).value === 'string';

/** Keeps valid entries no older than 90 days, newest 200. */
const bound = (list: unknown, now: number): HistoryEntry[] =>
  (Array.isArray(list) ? list : []).filter((e): e is HistoryEntry => valid(e) && now - e.at <= HISTORY_LIMITS.maxAgeMs).slice(-HISTORY_LIMITS.entries);

/**
 * The stored history, oldest first, bounded and validated. Resolves to [] when IndexedDB is unavailable or blocked; never rejects.
 * @example const pages = (await loadHistory(Date.now())).filter((e) => e.kind === 'page')
 */
export async function loadHistory(now: number): Promise<HistoryEntry[]> {
  try {
    return bound(await get(HISTORY_KEY, candorStore()), now);
  } catch {
    return [];
  }
}

/**
 * Appends an entry (atomically), dropping entries older than 90 days and all but the newest 200.
 * Resolves to false when IndexedDB is unavailable or blocked; never rejects.
 * @example await appendHistory({ at: now, kind: 'page', value: location.pathname }, now)
 */
export async function appendHistory(entry: HistoryEntry, now: number): Promise<boolean> {
  try {
    const e = { at: entry.at, kind: entry.kind, value: entry.value.slice(0, 200) };
    await update(HISTORY_KEY, (list) => bound([...bound(list, now), e], now), candorStore());
    return true;
  } catch {
    return false;
  }
}

/**
 * Deletes history above the consent cap: everything at `low`, topics at `relationship`. Never rejects.
 * @example await capHistory('low', Date.now())
 */
export async function capHistory(cap: Tier, now: number): Promise<boolean> {
  try {
    if (cap === 'high') return true;
    if (cap === 'low') await del(HISTORY_KEY, candorStore());
    else await update(HISTORY_KEY, (list) => bound(list, now).filter((e) => e.kind !== 'topic'), candorStore());
    return true;
  } catch {
    return false;
  }
}
