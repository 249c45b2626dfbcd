import { migrateState, type VisitorState } from './visitor-state.js';

/** The localStorage key of the snapshot. Every key Candor uses starts with `candor:`. */
export const SNAPSHOT_KEY = 'candor:v1';

/** What {@link loadSnapshot} found. */
export interface LoadedSnapshot {
  /** The stored state, migrated; null when there is none or it was corrupt or foreign. */
  state: VisitorState | null;
  /** Writes to this storage work, so what Candor saves will survive the page view. */
  persistent: boolean;
  /** Why storage is not usable or the stored data was discarded, in plain words. */
  error?: string;
}

/**
 * Reads the snapshot synchronously, before any decision. Never throws: unavailable storage (private mode,
 * sandboxed iframe, disabled storage, quota) gives `persistent: false`; corrupt or foreign data gives `state: null`.
 * @param storage `window.localStorage`, read by the caller inside a try/catch (the getter itself can throw).
 * @example const { state, persistent } = loadSnapshot(localStorage, Date.now())
 */
export function loadSnapshot(storage: Storage | undefined, now: number): LoadedSnapshot {
  let raw: string | null;
  if (!storage) return { state: null, persistent: false, error: 'no localStorage' };
  try {
    // Some browsers read but refuse writes (old Safari private mode, a full quota): probe once.
    storage.setItem('candor:probe', '1');
    storage.removeItem('candor:probe');
    raw = storage.getItem(SNAPSHOT_KEY);
  } catch (e) {
    // A DOMException reads as "SecurityError: …" or "QuotaExceededError: …".
    return { state: null, persistent: false, error: String(e) };
  }
  if (raw === null) return { state: null, persistent: true };
  let state: VisitorState | null = null;
  try {
    state = migrateState(JSON.parse(raw), now);
  } catch {
    // Not JSON: discarded below.
  }
  return state ? { state, persistent: true } : { state, persistent: true, error: 'discarded corrupt or foreign data' };
}

/**
 * Writes the snapshot. Returns false instead of throwing when storage is missing, blocked or full.
 * @example if (!saveSnapshot(localStorage, state)) console.warn('not remembered')
 */
export function saveSnapshot(storage: Storage | undefined, state: VisitorState): boolean {
  try {
    storage?.setItem(SNAPSHOT_KEY, JSON.stringify(state));
    return !!storage;
  } catch {
    return false;
  }
}
