const reported = new Set<string>();

/**
 * The single console path for problems a site's developer must fix: one `console.error` per code and path,
 * in the form `candor: <code> at <path>: <what is wrong> Fix: <what to do> (see docs/errors.md)`; an empty message
 * or fix is left out (the script tag's files carry code and path only, see src/core/config/verbose-errors.ts).
 * Never throws, even where `console` is missing.
 */
export function reportError(code: string, path: string, message: string, fix: string): void {
  const key = code + '@' + path;
  if (reported.has(key)) return;
  reported.add(key);
  try {
    // The script tag's files leave most text out (VERBOSE): then the line is code, path and any detail.
    console.error(`candor: ${code} at ${path}${message ? ': ' + message : ''}${fix ? ' Fix: ' + fix : ''} (see docs/errors.md)`);
  } catch {
    // No console: nothing more we can do without breaking the page.
  }
}

/** Same as {@link reportError} for notices that are not the developer's mistake (blocked storage, changed shares). */
export function reportNotice(code: string, message: string): void {
  if (reported.has(code)) return;
  reported.add(code);
  try {
    console.warn(`candor: ${code}${message ? ': ' + message : ' (see docs/errors.md)'}`);
  } catch {
    // No console.
  }
}
