/**
 * The `candor` command (built to dist/cli.js): `candor <command> [args]`.
 * Each command lives in its own module and is loaded only when run, so `candor check` starts fast.
 */
import { readFile } from 'node:fs/promises';
import { closestName } from '../core/config/closest-name.js';
import { runCheck } from './check.js';

type Run = (args: string[]) => Promise<number>;

/** Every command: one line of help, and how to run it. */
const COMMANDS: Record<string, [summary: string, run: Run]> = {
  check: [
    'Validate config files: every problem with its path and the fix.',
    (args) =>
      runCheck(args, {
        out: (s) => process.stdout.write(`${s}\n`),
        err: (s) => process.stderr.write(`${s}\n`),
        readFile: (path) => readFile(path, 'utf8'),
      }),
  ],
  report: ['Turn collected events into honest statistics (text, --json or --html).', async (args) => (await import('./report.js')).run(args)],
  simulate: ['Generate events from a scenario whose truth is known.', async (args) => (await import('./simulate.js')).run(args)],
  collect: ['Run the reference event collector on a local port.', async (args) => (await import('./collect.js')).run(args)],
};

const HELP = `Usage: candor <command> [args]

Commands:
${Object.entries(COMMANDS)
  .map(([name, [summary]]) => `  ${name.padEnd(10)}${summary}`)
  .join('\n')}

Run "candor <command> --help" for a command's options. Documentation: README.md.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const near = name === undefined ? undefined : closestName(name, Object.keys(COMMANDS));
    const problem = name === undefined ? 'which command?' : `unknown command "${name}".${near ? ` Did you mean "${near}"?` : ''}`;
    process.stderr.write(`candor: ${problem}\n\n${HELP}\n`);
    return 2;
  }
  return command[1](args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`candor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nThis is a bug in Candor; please report it.\n`);
    process.exitCode = 1;
  },
);
