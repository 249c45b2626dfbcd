import { createStore, type UseStore } from 'idb-keyval';

let store: UseStore | undefined;

/**
 * Candor's own IndexedDB store: database `candor`, object store `state` (never idb-keyval's shared default database,
 * which any other script on the site could clear). One object store per database; other modules use their own keys
 * in it (today only `queue`, the event queue). Created lazily on first call, and afresh after {@link forgetAll}
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
