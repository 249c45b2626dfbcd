import { formatConfigError } from '../core/config/format-config-error.js';
import type { ConfigError, ValidConfig } from '../core/types.js';

/**
 * Tells the site's developer, in one `console.error`, every problem validation found in the config, with its path,
 * and what the page does because of them. Nothing when there is none. Never throws.
 * @param scriptTag whether the script tag's first pass decided from the config before it was validated
 * @example reportConfigProblems(errors, config, false)
 */
export function reportConfigProblems(errors: readonly ConfigError[], config: ValidConfig | null, scriptTag: boolean): void {
  if (errors.length === 0) return;
  try {
    console.error(
      (scriptTag && config
        ? 'candor: the config has problems, so the script tag shows the standard content until they are fixed:\n'
        : config
          ? 'candor: parts of the config were ignored:\n'
          : 'candor: the config is unusable, so every slot shows its standard content:\n') + errors.map(formatConfigError).join('\n'),
    );
  } catch {
    // No console.
  }
}
