import { SNAPSHOT_KEY } from './snapshot-store.js';
import { migrateState, type VisitorState } from './visitor-state.js';

/**
 * Calls `onChange` when another tab of this site saves or deletes Candor's snapshot (a decision, a consent or
 * standard-version change, `forget()`); `null` means it was deleted or unreadable. Uses `storage` events: every change
 * that matters goes through the localStorage snapshot, and those events reach every other same-origin tab, so a
 * BroadcastChannel would add bytes without adding coverage (without localStorage there is nothing shared to sync).
 * Returns an unsubscribe function. Never throws.
 * @example const stop = watchOtherTabs(window, (state) => { if (state) current = state })
 */
export function watchOtherTabs(win: Window, onChange: (state: VisitorState | null) => void): () => void {
  const listener = (e: StorageEvent): void => {
    // key null: the other tab called localStorage.clear().
    try {
      if ((e.key ?? SNAPSHOT_KEY) !== SNAPSHOT_KEY || e.storageArea !== win.localStorage) return;
    } catch {
      return;
    }
    let state: VisitorState | null = null;
    try {
      state = e.newValue === null ? null : migrateState(JSON.parse(e.newValue), Date.now());
    } catch {
      // Unreadable: reported as null.
    }
    onChange(state);
  };
  try {
    win.addEventListener('storage', listener);
  } catch {
    // No events: tabs do not sync.
  }
  return () => {
    win.removeEventListener('storage', listener);
  };
}
