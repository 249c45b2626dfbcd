import { configFingerprint } from './invalid-config-mark.js';

/** Where the runtime notes the config it last found no problem in, so later page views skip validating it again. */
export const VALID_CONFIG_KEY = 'candor:valid-config';

/** The note: the script tag's build (validation rules change with it) and a hash of the config's JSON. */
const note = (config: unknown): string => `${String(window.__candor?.build)}:${configFingerprint(config)}`;

/**
 * Whether this browser found no problem in this exact config with this build of the script tag before. Never throws.
 * @example const validated = configMarkedValid(localStorage, raw)
 */
export function configMarkedValid(storage: Storage | undefined, config: unknown): boolean {
  try {
    const mark = storage?.getItem(VALID_CONFIG_KEY);
    return !!mark && mark === note(config);
  } catch {
    return false;
  }
}

/**
 * Notes that this exact config passed validation (site data, nothing about the visitor). Never throws.
 * @example markConfigValid(localStorage, raw)
 */
export function markConfigValid(storage: Storage | undefined, config: unknown): void {
  try {
    if (typeof config === 'object' && config !== null) storage?.setItem(VALID_CONFIG_KEY, note(config));
  } catch {
    // Nowhere to note it: the next page view validates again.
  }
}
