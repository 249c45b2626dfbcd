/**
 * The `candor` command (built to dist/cli.js): `candor <command> [args]`.
 * Each command lives in its own module and is loaded only when run, so `candor check` starts fast.
 * A user's mistake gets one line (the argument, what is wrong, what to do); an error Candor did not foresee is a bug:
 * one line too, and its stack trace with CANDOR_DEBUG=1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { closestName } from '../core/config/closest-name.js';
import { runCheck } from './check.js';
import { internalErrorLine } from './internal-error.js';

type Run = (args: string[]) => Promise<number>;

/** The build name of the script tag next to this CLI (`dist/candor.min.js`), for `candor check --stamp`. */
const scriptBuild = async (): Promise<string | undefined> => {
  try {
    return /\bbuild:"([0-9a-f]+)"/.exec(await readFile(new URL('./candor.min.js', import.meta.url), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
};

/** Every command: one line of help, and how to run it. */
const COMMANDS: Record<string, [summary: string, run: Run]> = {
  check: [
    'Validate config files: every problem with its path and the fix.',
    (args) =>
      runCheck(args, {
        out: (s) => process.stdout.write(`${s}\n`),
        err: (s) => process.stderr.write(`${s}\n`),
        readFile: (path) => (path === '-' ? text(process.stdin) : readFile(path, 'utf8')),
        writeFile: (path, data) => writeFile(path, data),
        scriptBuild: scriptBuild,
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

Run "candor <command> --help" for a command's options; "candor --version" prints the version.
Documentation: README.md and docs/ (in the package too).`;

/** The installed package's version (dist/cli.js sits in dist/, next to package.json's directory). */
async function version(): Promise<string> {
  try {
    return (JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(`candor ${await version()}\n`);
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

// A reader that stops early (`candor check … | head`) closes the pipe: stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(internalErrorLine(error, process.env.CANDOR_DEBUG === '1'));
    process.exitCode = 1;
  },
);
