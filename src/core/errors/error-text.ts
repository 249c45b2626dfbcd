import { ERROR_MESSAGES } from './error-messages.js';
import type { ErrorText } from './error-params.js';
import { fillText } from './fill-text.js';

/**
 * The message and fix of a code that validation reports, with its params, from {@link ERROR_MESSAGES}. The script
 * tag's builds load src/core/errors/error-text-lean.ts in place of this module (rollup.config.ts), whose lookup
 * finds nothing.
 * @example errorText('invalid-audience', ['devs'])?.fix // 'Fix audiences.devs.'
 */
export const errorText = (code: string, params: readonly unknown[]): ErrorText | undefined => fillText(ERROR_MESSAGES, code, params);

/**
 * The end of a config problem's console line, after `candor: <code> at <path>`: `: <message> Fix: <fix> (see
 * docs/errors.md)`. The script tag's builds, which have no text, end it by pointing to docs/errors.md and `candor check`.
 */
export const problemLineEnd = (error: ErrorText): string => `: ${error.message} Fix: ${error.fix} (see docs/errors.md)`;
