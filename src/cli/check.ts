import { typeMismatches } from '../core/config/type-mismatches.js';
import { validateConfig } from '../core/config/validate-config.js';
import type { ConfigError, ValidConfig } from '../core/types.js';
import { configStamp } from '../core/config/config-stamp.js';

/** Where `candor check` reads and writes; the CLI passes the real terminal and file system, tests pass fakes. */
export interface CheckIo {
  out(s: string): void;
  err(s: string): void;
  /** Reads a file; `-` is stdin. */
  readFile(path: string): Promise<string>;
  /** Writes a file (for `--stamp`). */
  writeFile?(path: string, text: string): Promise<void>;
  /** The build name of the script tag this CLI came with (in `candor.min.js`), for `--stamp`; undefined when it is not there. */
  scriptBuild?(): Promise<string | undefined>;
}

const USAGE = `Usage: candor check <config.json | -> [more.json ...]
       candor check <config.json> --stamp <out.json>

Validates Candor configs ("-" reads one from stdin: paste it, then Ctrl-D). Prints every problem with its
JSON path, what is wrong and how to fix it, and warns about rules that can never match.

--stamp <out.json>  When the config has no problem, writes it to out.json (which may be the same file) with a
                    "checked" stamp for this version's script tag: a page with the stamped config skips validating
                    it in the browser and never fetches the validator (candor-check.min.js). Any edit voids the
                    stamp (the browser then validates as usual); stamp again after each edit or Candor upgrade.

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

/** Writes the config with its stamp; the exit code (2 when the script tag's build or the file is not there). */
async function stamp(json: object, to: string, io: CheckIo): Promise<number> {
  const build = await io.scriptBuild?.();
  if (!build) {
    io.err('candor check: --stamp needs the built script tag (dist/candor.min.js) next to the CLI; run `npm run build` in a checkout.');
    return 2;
  }
  try {
    if (!io.writeFile) throw new Error('no file system');
    await io.writeFile(to, `${JSON.stringify({ ...json, checked: configStamp(build, json) }, null, 2)}\n`);
  } catch (error) {
    io.err(`candor check: cannot write ${to}: ${error instanceof Error ? error.message : String(error)}.`);
    return 2;
  }
  io.out(`stamped for script tag build ${build}: ${to}`);
  return 0;
}

/**
 * `candor check config.json [more.json ...]`: validates each config and prints every problem
 * (path, what is wrong, the fix), or a one-line summary when it is valid
 * (`config ok: 3 audiences, 1 slot, 2 experiences`).
 * @returns the exit code: 0 all valid, 1 a problem in any file, 2 bad arguments or an unreadable file.
 * @example process.exitCode = await runCheck(['config.json'], { out: console.log, err: console.error, readFile: (p) => fs.readFile(p, 'utf8') })
 */
export async function runCheck(argv: string[], io: CheckIo): Promise<number> {
  let args = argv;
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const stampAt = args.indexOf('--stamp');
  const stampTo = stampAt >= 0 ? args[stampAt + 1] : undefined;
  if (stampAt >= 0) {
    if (!stampTo || stampTo.startsWith('-')) {
      io.err(`candor check: --stamp needs the file to write, like: candor check candor.config.json --stamp public/candor.config.json\n\n${USAGE}`);
      return 2;
    }
    args = args.filter((_, i) => i !== stampAt && i !== stampAt + 1);
    if (args.length !== 1) {
      io.err(`candor check: --stamp takes exactly one config file (got ${String(args.length)}).\n\n${USAGE}`);
      return 2;
    }
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
    if (stampTo && config && !errors.length) exit = Math.max(exit, await stamp(json as object, stampTo, io));
  }
  return exit;
}
