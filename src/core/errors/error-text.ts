import { ERROR_MESSAGES } from './error-messages.js';
import type { ErrorText } from './error-params.js';
import { fillText } from './fill-text.js';

/**
 * The message and fix of a code that validation reports, with its params, from {@link ERROR_MESSAGES}; undefined
 * in the script tag's builds, which load this module as a lookup that finds nothing (rollup.config.ts).
 * @example errorText('invalid-audience', ['devs'])?.fix // 'Fix audiences.devs.'
 */
export const errorText = (code: string, params: readonly unknown[]): ErrorText | undefined => fillText(ERROR_MESSAGES, code, params);
