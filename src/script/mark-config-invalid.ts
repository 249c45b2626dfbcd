import { configFingerprint, INVALID_CONFIG_KEY } from './invalid-config-mark.js';

/**
 * Notes that this exact config failed validation (by a hash of its JSON; nothing about the visitor). Never throws.
 * @example markConfigInvalid(localStorage, raw)
 */
export function markConfigInvalid(storage: Storage | undefined, config: unknown): void {
  try {
    if (typeof config === 'object' && config !== null) storage?.setItem(INVALID_CONFIG_KEY, configFingerprint(config));
  } catch {
    // Nowhere to note it: the next page view validates again.
  }
}
