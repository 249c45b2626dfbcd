import type { ConfigError } from '../types.js';

/**
 * One line for the console or a terminal:
 * `candor: <code> at <path>: <message> Fix: <fix> (see docs/errors.md)`.
 * Problems with the config as a whole have the path `(root)`. The script-tag build has no message texts (its error
 * table finds nothing, see src/core/errors/error-text.ts) and gives
 * `candor: <code> at <path> (see docs/errors.md — run "npx candor check" for the fix)`.
 * @example formatConfigError({ code: 'missing-reason', path: 'audiences.dev.reason', message: '...', fix: '...' })
 */
export function formatConfigError(error: ConfigError): string {
  const where = `candor: ${error.code} at ${error.path || '(root)'}`;
  return error.message ? `${where}: ${error.message} Fix: ${error.fix} (see docs/errors.md)` : `${where} (see docs/errors.md — run "npx candor check" for the fix)`;
}
