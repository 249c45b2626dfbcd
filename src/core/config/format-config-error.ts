import { problemLineEnd } from '../errors/error-text.js';
import type { ConfigError } from '../types.js';

/**
 * One line for the console or a terminal:
 * `candor: <code> at <path>: <message> Fix: <fix> (see docs/errors.md)`.
 * Problems with the config as a whole have the path `(root)`. The script tag's builds have no message texts
 * (src/core/errors/error-text-lean.ts) and give
 * `candor: <code> at <path> (see docs/errors.md — run "npx candor check" for the fix)`.
 * @example formatConfigError({ code: 'missing-reason', path: 'audiences.dev.reason', message: '...', fix: '...' })
 */
export function formatConfigError(error: ConfigError): string {
  return `candor: ${error.code} at ${error.path || '(root)'}${problemLineEnd(error)}`;
}
