import { typeMismatches } from '../core/config/type-mismatches.js';
import { validateConfig } from '../core/config/validate-config.js';
import type { ConfigError, ValidConfig } from '../core/types.js';

/** Where `candor check` reads and writes; the CLI passes the real terminal and file system, tests pass fakes. */
export interface CheckIo {
  out(s: string): void;
  err(s: string): void;
  /** Reads a file; `-` is stdin. */
  readFile(path: string): Promise<string>;
}

const USAGE = `Usage: candor check <config.json | -> [more.json ...]

Validates Candor configs ("-" reads one from stdin: paste it, then Ctrl-D). Prints every problem with its
JSON path, what is wrong and how to fix it, and warns about rules that can never match.
Exit code: 0 when every file is valid without warnings, 1 when any has a problem, 2 when a file cannot be read.
Error codes are explained in docs/errors.md.`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "3 audiences, 1 slot, 2 experiences". */
function counts(config: ValidConfig): string {
  const slots = Object.values(config.slots);
  const experiences = slots.reduce((n, slot) => n + slot.experiences.length, 0);
  return `${plural(Object.keys(config.audiences).length, 'audience')}, ${plural(slots.length, 'slot')}, ${plural(experiences, 'experience')}`;
}

/** Line and column of a JSON.parse error, when the engine says where it stopped (also used by `candor report --config`). */
export function jsonErrorAt(text: string, error: unknown): ConfigError {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  let where = '';
  if (position !== undefined) {
    const before = text.slice(0, Number(position)).split('\n');
    where = ` (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
  }
  return {
    code: 'invalid-json',
    path: '',
    message: `The file is not valid JSON${where}: ${message}.`,
    fix: 'Fix the syntax: keys and strings in double quotes, no trailing commas, no comments.',
  };
}

/** Prints a config's problems and warnings, each with its path, what is wrong and the fix, and what Candor does until they are fixed. */
export function printProblems(file: string, errors: ConfigError[], warnings: ConfigError[], config: ValidConfig | null, io: Pick<CheckIo, 'out'>): void {
  const found = [errors.length ? plural(errors.length, 'problem') : '', warnings.length ? plural(warnings.length, 'warning') : ''].filter(Boolean).join(', ');
  io.out(`${file}: ${found}`);
  for (const e of errors) io.out(`\n  ${e.path || '(root)'}  ${e.code}\n    ${e.message}\n    Fix: ${e.fix}`);
  for (const e of warnings) io.out(`\n  ${e.path || '(root)'}  ${e.code} (warning)\n    ${e.message}\n    Fix: ${e.fix}`);
  if (!config) {
    io.out('\nUntil these are fixed, nothing in this config is used: visitors see the standard page everywhere, with the script tag and the npm module alike.');
  } else if (errors.length) {
    io.out(
      '\nUntil these are fixed:\n' +
        '  - the script tag shows the standard content everywhere (it decides before it validates, so it uses no part of a config with problems);\n' +
        `  - the npm module drops the invalid parts and uses the rest: ${counts(config)}; everything else shows the standard content.`,
    );
  } else {
    io.out(`\nWarnings drop nothing: the script tag and the npm module use this config as written (${counts(config)}), and these rules never match until they are fixed.`);
  }
  io.out('Each code is explained in docs/errors.md.');
}

/**
 * `candor check config.json [more.json ...]`: validates each config and prints every problem
 * (path, what is wrong, the fix), or a one-line summary when it is valid
 * (`config ok: 3 audiences, 1 slot, 2 experiences`).
 * @returns the exit code: 0 all valid, 1 a problem in any file, 2 bad arguments or an unreadable file.
 * @example process.exitCode = await runCheck(['config.json'], { out: console.log, err: console.error, readFile: (p) => fs.readFile(p, 'utf8') })
 */
export async function runCheck(args: string[], io: CheckIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const options = args.filter((a) => a.startsWith('-') && a !== '-');
  if (options.length) {
    io.err(`candor check: unknown option ${options.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  if (!args.length) {
    io.err(`candor check: which config file? Name one, like: candor check candor.config.json\n\n${USAGE}`);
    return 2;
  }
  let exit = 0;
  for (const file of args) {
    const name = file === '-' ? '(stdin)' : file;
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file; check the name' : code === 'EISDIR' ? 'it is a directory; name the config file in it' : error instanceof Error ? error.message : String(error);
      io.err(`candor check: cannot read ${name}: ${why}.`);
      exit = 2;
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      printProblems(name, [jsonErrorAt(text, error)], [], null, io);
      exit = Math.max(exit, 1);
      continue;
    }
    const { config, errors } = validateConfig(json);
    const warnings = typeMismatches(json);
    if (errors.length || warnings.length) {
      printProblems(name, errors, warnings, config, io);
      exit = Math.max(exit, 1);
    } else if (config) {
      io.out(`${args.length > 1 ? `${name}: ` : ''}config ok: ${counts(config)}`);
    }
  }
  return exit;
}
