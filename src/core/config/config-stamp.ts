import { hash32 } from '../decide/hash.js';

/**
 * The stamp `candor check --stamp` writes into a config it found no problem in (its `checked` key): the script tag
 * build it was checked for (validation rules change with the build) and a hash of the rest of the config's JSON, so
 * any edit after checking voids it.
 * @param build the script tag's build name (`window.__candor.build`, which `candor.min.js` carries)
 * @example configStamp('bb9b2770766b', config) // 'bb9b2770766b:2749581234'
 */
export function configStamp(build: string, config: object): string {
  const rest: Record<string, unknown> = { ...config };
  delete rest.checked;
  return `${build}:${String(hash32('config', JSON.stringify(rest)))}`;
}

/**
 * Whether the config carries a valid stamp for this build: then the script tag does not validate it again (nor fetch
 * the validator). Never throws; false for anything unstamped, edited since, or stamped for another build.
 * @example if (configStamped(raw, window.__candor?.build)) skipValidation()
 */
export function configStamped(config: unknown, build: string | undefined): boolean {
  try {
    return !!build && typeof config === 'object' && config !== null && 'checked' in config && config.checked === configStamp(build, config);
  } catch {
    return false;
  }
}
