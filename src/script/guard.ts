import { reportError } from '../util/report-error.js';

/**
 * Wraps a script-tag callback so that an exception of ours never reaches the page: it becomes one console error,
 * and the standard content stays.
 * @example doc.addEventListener('click', guard('why-control', onClick))
 */
export const guard =
  <A extends unknown[]>(where: string, fn: (...args: A) => void) =>
  (...args: A): void => {
    try {
      fn(...args);
    } catch (error) {
      reportError('internal-error', where, error, 'script');
    }
  };
