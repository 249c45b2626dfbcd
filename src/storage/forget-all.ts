import { clear } from 'idb-keyval';
import { candorStore, closeCandorStore } from './candor-store.js';

/** Removes every `candor:` key from one storage area; a missing or blocked area is skipped. */
function clearArea(get: () => Storage): void {
  try {
    const s = get();
    for (let i = s.length; i--; ) {
      const key = s.key(i);
      if (key?.startsWith('candor:')) s.removeItem(key);
    }
  } catch {
    // Blocked or absent: nothing was stored there.
  }
}

/**
 * Deletes everything Candor stored in this browser: `candor:*` keys in localStorage and sessionStorage,
 * cookies named `candor*` (on this host and its parent domains, path /), and the `candor` IndexedDB database
 * (store cleared, connection closed, database deleted). Never rejects; the next decision starts fresh.
 * @example await forgetAll(window)
 */
export async function forgetAll(win: Window): Promise<void> {
  clearArea(() => win.localStorage);
  clearArea(() => win.sessionStorage);
  try {
    const doc = win.document;
    const parts = win.location.hostname.split('.');
    for (const c of doc.cookie.split(';')) {
      const name = c.split('=')[0]?.trim() ?? '';
      if (!name.startsWith('candor')) continue;
      for (let i = 0; i < parts.length; i++) {
        const domain = i ? ';domain=' + parts.slice(i - 1).join('.') : '';
        doc.cookie = `${name}=;path=/;max-age=0${domain}`;
      }
    }
  } catch {
    // No cookies here.
  }
  try {
    // Cleared first: if another tab keeps the database open, its deletion waits, but nothing is left in it.
    await Promise.resolve().then(() => clear(candorStore())).catch(() => undefined);
    // Our own open connection would block the deletion until this page closes.
    await closeCandorStore();
    await new Promise<void>((resolve) => {
      const req = win.indexedDB.deleteDatabase('candor');
      req.onsuccess = req.onerror = req.onblocked = () => {
        resolve();
      };
    });
  } catch {
    // IndexedDB unavailable: nothing was stored there.
  }
}
