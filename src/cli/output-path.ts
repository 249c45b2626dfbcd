import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Why writing a file failed, as the end of a sentence that says what to do. */
export function writeProblem(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `the directory ${dirname(resolve(path))} does not exist; create it or pick another path`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied; pick a path you may write';
  if (code === 'EISDIR') return 'it is a directory; name a file';
  if (code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT') return 'the disk is full; free some space or pick another disk';
  if (code === 'ENOTDIR') return 'part of the path is a file, not a directory; pick another path';
  return `${error instanceof Error ? error.message : String(error)}; pick another path`;
}

/**
 * Checks, before any work, that a file can be created at `path` (its directory exists; the path is not a directory).
 * @param option the argument that named it, like `--html`
 * @returns one line naming the argument, what is wrong and what to do; undefined when it looks writable
 * @example await outputProblem('--html', 'reports/r.html') // '--html reports/r.html: the directory … does not exist; …'
 */
export async function outputProblem(option: string, path: string): Promise<string | undefined> {
  if (path === '') return `${option} needs a file name.`;
  try {
    const dir = await stat(dirname(resolve(path)));
    if (!dir.isDirectory()) return `${option} ${path}: ${writeProblem(path, Object.assign(new Error(''), { code: 'ENOTDIR' }))}.`;
  } catch (error) {
    return `${option} ${path}: ${writeProblem(path, error)}.`;
  }
  try {
    if ((await stat(path)).isDirectory()) return `${option} ${path}: ${writeProblem(path, Object.assign(new Error(''), { code: 'EISDIR' }))}.`;
  } catch {
    // Not there yet: it will be created.
  }
  return undefined;
}
