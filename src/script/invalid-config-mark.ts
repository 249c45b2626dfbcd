import { hash32 } from '../core/decide/hash.js';

/** Where the runtime notes a config it found problems in, so later first passes show the standard content at once. */
const KEY = 'candor:invalid-config';
/**
 * A hash of the config's JSON. A config JSON cannot express (a cycle, a getter that throws, a BigInt) is never valid
 * (validation reports `not-json`), so every such config shares one fingerprint: it is marked like any other.
 */
function fingerprint(config: unknown): string {
  try {
    return String(hash32('config', JSON.stringify(config)));
  } catch {
    return 'unserializable';
  }
}

/**
 * Notes that this exact config failed validation (by a hash of its JSON; nothing about the visitor). Never throws.
 * @example markConfigInvalid(localStorage, raw)
 */
export function markConfigInvalid(storage: Storage | undefined, config: unknown): void {
  try {
    if (typeof config === 'object' && config !== null) storage?.setItem(KEY, fingerprint(config));
  } catch {
    // Nowhere to note it: the next page view validates again.
  }
}

/**
 * Whether this exact config was found invalid on an earlier page view. Reads one key; hashes only when it is set.
 * @example if (configMarkedInvalid(localStorage, raw)) config = null
 */
export function configMarkedInvalid(storage: Storage | undefined, config: unknown): boolean {
  try {
    const mark = storage?.getItem(KEY);
    return !!mark && mark === fingerprint(config);
  } catch {
    return false;
  }
}
