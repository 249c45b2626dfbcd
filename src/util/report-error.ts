import type { TableParams } from '../core/errors/error-params.js';
import { reportText } from './report-text.js';
import type { RUNTIME_MESSAGES } from './runtime-messages.js';

/** The params of each code the browser reports: typed from its texts, or a short detail for the script tag's own codes. */
type ReportParams = Omit<TableParams<typeof RUNTIME_MESSAGES>, 'internal-error'> & {
  /** From the script tag's guard too, which only the script tag's builds (without text) have. */
  'internal-error': TableParams<typeof RUNTIME_MESSAGES>['internal-error'] | [error: unknown, at: 'script'];
  'config-json': [error: unknown];
  'config-url': [url: string];
  'experience-not-applied': [];
  'runtime-load': [];
  'trusted-types': [];
  'widget-load': [];
};
/** A code the browser reports. */
type ReportCode = keyof ReportParams;

const reported = new Set<string>();

/**
 * The single console path for problems a site's developer must fix: one `console.error` per code and path,
 * in the form `candor: <code> at <path>: <what is wrong> Fix: <what to do> (see docs/errors.md)`, the text made from
 * the params by the error tables ({@link reportText}). The script tag's files have no table: their line
 * is code and path, with the first param as a short detail (the error thrown, a slot, a URL).
 * Never throws, even where `console` is missing.
 * @example reportError('listener-error', "on('decision')", error)
 */
export function reportError<C extends ReportCode>(code: C, path: string, ...params: ReportParams[C]): void {
  const key = code + '@' + path;
  if (reported.has(key)) return;
  reported.add(key);
  try {
    console.error(`candor: ${code} at ${path}${detail(code, params)} (see docs/errors.md)`);
  } catch {
    // No console: nothing more we can do without breaking the page.
  }
}

/** Same as {@link reportError} for notices that are not the developer's mistake (blocked storage, changed shares). */
export function reportNotice<C extends ReportCode>(code: C, ...params: ReportParams[C]): void {
  if (reported.has(code)) return;
  reported.add(code);
  try {
    console.warn(`candor: ${code}${detail(code, params) || ' (see docs/errors.md)'}`);
  } catch {
    // No console.
  }
}

/**
 * `: <message> Fix: <fix>` from the error tables. The script tag's files have no table (their reportText gives
 * nothing, see rollup.config.ts), and then it is `: <first param>`, or nothing.
 */
const detail = (code: string, params: readonly unknown[]): string => {
  const text = reportText(code, params);
  return text ? `: ${text.message}${text.fix ? ' Fix: ' + text.fix : ''}` : params.length ? ': ' + (params[0] as string) : ''; // an Error shows as `Error: <message>`
};
