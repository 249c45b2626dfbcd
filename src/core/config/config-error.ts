import { errorText } from '../errors/error-text.js';
import type { ErrorCode, ErrorParams } from '../errors/error-params.js';
import type { ConfigError } from '../types.js';

/**
 * One config problem as validation returns it: code, path, and the message and fix the error table makes of its
 * params. The script tag's builds have no table: their records carry code and path, with empty message and fix.
 * @example configError('invalid-audience', 'slots.hero.experiences[0].audience', ['devs']).fix // 'Fix audiences.devs.'
 */
export function configError<C extends ErrorCode>(code: C, path: string, params: ErrorParams[C]): ConfigError {
  const text = errorText(code, params);
  // Without a table the params are unused: the minifier then drops them from every call that reports.
  return { code, path, message: text ? text.message : '', fix: text ? text.fix : '' };
}
