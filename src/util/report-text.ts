import { fillText } from '../core/errors/fill-text.js';
import type { ErrorText } from '../core/errors/error-params.js';
import { RUNTIME_MESSAGES } from './runtime-messages.js';

/**
 * The message and fix of a code the browser reports, with its params, from src/util/runtime-messages.ts; undefined
 * where it has no text. The script tag's builds load this as a lookup that finds nothing (rollup.config.ts).
 * @example reportText('listener-error', ['boom'])?.fix // 'Catch errors inside your listener.'
 */
export const reportText = (code: string, params: readonly unknown[]): ErrorText | undefined => fillText(RUNTIME_MESSAGES, code, params);
