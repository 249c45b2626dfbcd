import { hash32 } from '../core/decide/hash.js';

/** Where the runtime notes a config it found problems in, so later first passes show the standard content at once. */
export const INVALID_CONFIG_KEY = 'candor:invalid-config';
/**
 * A hash of the config's JSON. A config JSON cannot express (a cycle, a getter that throws, a BigInt) is never valid
 * (validation reports `not-json`), so every such config shares one fingerprint: it is marked like any other.
 */
export function configFingerprint(config: unknown): string {
  try {
    return String(hash32('config', JSON.stringify(config)));
  } catch {
    return 'unserializable';
  }
}

/**
 * Whether this exact config was found invalid on an earlier page view. Reads one key; hashes only when it is set.
 * @example if (configMarkedInvalid(localStorage, raw)) config = null
 */
export function configMarkedInvalid(storage: Storage | undefined, config: unknown): boolean {
  try {
    const mark = storage?.getItem(INVALID_CONFIG_KEY);
    return !!mark && mark === configFingerprint(config);
  } catch {
    return false;
  }
}
