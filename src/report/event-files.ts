/**
 * What `candor report` was given to read: files, directories of files and simple globs (`events/*.ndjson.gz`),
 * resolved to a list of files of one format. NDJSON files (`.ndjson`, `.jsonl`, `.json`, each optionally `.gz`, or
 * anything else) go to either engine; `.parquet` files need DuckDB.
 */

import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Event files of one format. */
export interface EventFiles {
  files: string[];
  format: 'ndjson' | 'parquet';
}

/** Names a directory's event files end with. */
const EVENT_FILE = /\.(ndjson|jsonl|json|parquet)(\.gz)?$/i;
const GLOB = /[*?[]/;

const formatOf = (file: string): EventFiles['format'] => (/\.parquet$/i.test(file) ? 'parquet' : 'ndjson');

/** A glob of one path segment (`*`, `?`, `[abc]`) as a regular expression. */
function globRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * The files behind `candor report`'s arguments, sorted within each argument. Rejects, saying what to do, when an
 * argument matches nothing, a glob has wildcards outside its last segment, or NDJSON and Parquet are mixed.
 * @example await resolveEventFiles(['events/']) // { files: ['events/2026-01-05.ndjson.gz', …], format: 'ndjson' }
 */
export async function resolveEventFiles(inputs: readonly string[]): Promise<EventFiles> {
  /** A mistake in the arguments, said in full (the CLI prints it as is, without "cannot read"). */
  const mistake = (message: string): Error => Object.assign(new Error(message), { code: 'CANDOR_INPUT' });
  const files: string[] = [];
  for (const input of inputs) {
    if (GLOB.test(basename(input))) {
      const dir = dirname(input);
      if (GLOB.test(dir)) throw mistake(`${input}: wildcards only work in the file name; let the shell expand the pattern, or name a directory.`);
      const re = globRegExp(basename(input));
      const names = (await readdir(dir)).filter((n) => re.test(n)).sort();
      if (names.length === 0) throw mistake(`${input}: no file matches; check the pattern (only * and ? in the last part).`);
      files.push(...names.map((n) => join(dir, n)));
      continue;
    }
    const info = await stat(input); // rejects for a missing path, with the path in the message
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((n) => EVENT_FILE.test(n)).sort();
      if (names.length === 0) throw mistake(`${input}: a directory with no event files (.ndjson, .jsonl, .json, optionally .gz, or .parquet); name the events file instead.`);
      files.push(...names.map((n) => join(input, n)));
    } else files.push(input);
  }
  const formats = new Set(files.map(formatOf));
  if (formats.size > 1) throw mistake('the inputs mix Parquet and NDJSON files: report on one format at a time (convert with --parquet-out).');
  return { files, format: formats.has('parquet') ? 'parquet' : 'ndjson' };
}
