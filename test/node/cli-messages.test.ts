/**
 * Every user mistake of issue 14, made with the shipped `candor` command (dist/cli.js): one line on stderr naming the
 * argument, what is wrong and what to do, the documented exit code, and never a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { internalErrorLine } from '../../src/cli/internal-error.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');

/** These tests run the built command: a missing or stale build fails them instead of testing old code. */
function assertBuilt(): void {
  let built = 0;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    // not built
  }
  const sources = readdirSync(join(ROOT, 'src/cli')).map((f) => join(ROOT, 'src/cli', f));
  if (built < Math.max(...sources.map((f) => statSync(f).mtimeMs))) throw new Error('dist/cli.js is missing or older than src/cli: run `npm run build` first (npm test does).');
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
/** Runs `candor …` with optional stdin. */
function candor(args: string[], { input, env }: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, CANDOR_DEBUG: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** One line on stderr, no stack trace, no bug report plea. */
function oneLine(run: Run, code: number, line: string | RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/bug in Candor/);
  const first = run.stderr.split('\n')[0] ?? '';
  if (typeof line === 'string') expect(first).toBe(line);
  else expect(first).toMatch(line);
}

let dir: string;
let events: string;
let config: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'candor-cli-'));
  events = join(dir, 'events.ndjson');
  config = join(dir, 'config.json');
  const sim = await candor(['simulate', '--scenario', 'aa', '--visitors', '300', '--seed', '3', '--out', events, '--config-out', config, '--truth', join(dir, 'truth.json')]);
  expect(sim.code).toBe(0);
});

describe('candor: mistakes get one line, never a stack trace', () => {
  it('report --html into a missing directory: exit 2 before any work', async () => {
    oneLine(
      await candor(['report', events, '--html', '/nonexistent-dir/r.html']),
      2,
      'candor report: --html /nonexistent-dir/r.html: the directory /nonexistent-dir does not exist; create it or pick another path.',
    );
  });

  it('report --aggregate-out into a missing directory', async () => {
    oneLine(
      await candor(['report', events, '--aggregate-out', '/nonexistent-dir/a.json']),
      2,
      'candor report: --aggregate-out /nonexistent-dir/a.json: the directory /nonexistent-dir does not exist; create it or pick another path.',
    );
  });

  it('simulate --config-out, --truth and --out into a missing directory', async () => {
    for (const option of ['--config-out', '--truth', '--out']) {
      oneLine(
        await candor(['simulate', '--scenario', 'aa', '--visitors', '10', option, '/missing/x.json']),
        2,
        `candor simulate: ${option} /missing/x.json: the directory /missing does not exist; create it or pick another path.`,
      );
    }
  });

  it('report --aggregate on a file that is not an aggregate ({}), or is a damaged one', async () => {
    const empty = join(dir, 'empty-aggregate.json');
    await writeFile(empty, '{}');
    oneLine(await candor(['report', '--aggregate', empty]), 1, `candor report: --aggregate ${empty} is neither an aggregate (no "v": 1 and "periods") nor rows of the aggregation query; write one with candor report EVENTS --aggregate-out FILE, or save the rows of candor report --sql DIALECT.`);
    const damaged = join(dir, 'damaged-aggregate.json');
    await writeFile(damaged, JSON.stringify({ v: 1, windowDays: 7, goals: ['signup'], input: { events: {} }, periods: [{ salt: 'x', slots: [{}] }] }));
    oneLine(await candor(['report', '--aggregate', damaged]), 1, new RegExp(`^candor report: --aggregate ${damaged} is not an aggregate this version can read \\(.+\\); write one with`));
  });

  it('a config with slots: { hero: null }: check says where and how to fix it; report --config does not print a stack trace', async () => {
    const bad = join(dir, 'null-slot.json');
    await writeFile(bad, JSON.stringify({ ...(JSON.parse(readFileSync(config, 'utf8')) as object), slots: { hero: null } }));
    const checked = await candor(['check', bad]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('slots.hero  wrong-type\n    A slot must be an object with "experiences", not null.');
    const reported = await candor(['report', events, '--config', bad]);
    expect(reported.stderr).not.toMatch(/^\s+at /m);
    expect(reported.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('check | head: a reader that stops early is no error (EPIPE)', () => {
    const many = { v: 1, version: '1', salt: 's', audiences: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`a${i}`, { when: { 'utm.nope': 1 }, reason: 'r' }])), slots: {} };
    const file = join(dir, 'many-problems.json');
    return writeFile(file, JSON.stringify(many)).then(() => {
      const run = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${CLI}" check "${file}" | head -1`], { encoding: 'utf8' });
      expect(run.stdout).toBe(`${file}: 3000 problems\n`);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1); // check's own exit code: the file has problems
    });
  });

  it('check - reads the config from stdin', async () => {
    const valid = readFileSync(config, 'utf8');
    expect(await candor(['check', '-'], { input: valid })).toMatchObject({ code: 0, stdout: expect.stringMatching(/^config ok: \d+ audiences?, \d+ slots?, \d+ experiences?\n$/) as unknown });
    const broken = await candor(['check', '-'], { input: '{"v": 1,' });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^\(stdin\): 1 problem\n\n {2}\(root\) {2}invalid-json/);
  });

  it('--version prints the version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v', 'version']) expect(await candor([flag])).toEqual({ code: 0, stdout: `candor ${version}\n`, stderr: '' });
  });

  it("an unknown option names it plainly (no parser message with an unbalanced quote), with a hint when it is a typo", async () => {
    oneLine(await candor(['report', events, '--bogus']), 2, 'candor report: unknown option --bogus; the options are listed below.');
    oneLine(await candor(['report', events, '--jsn']), 2, 'candor report: unknown option --jsn; did you mean --json?');
    oneLine(await candor(['simulate', '--scenario', 'aa', '--visitor', '5']), 2, 'candor simulate: unknown option --visitor; did you mean --visitors?');
    oneLine(await candor(['collect', '--outt', 'x.ndjson']), 2, 'candor collect: unknown option --outt; did you mean --out?');
  });

  it('an option value that starts with "-" (--visitors -5) says how to pass it, and the value is then checked', async () => {
    oneLine(await candor(['simulate', '--scenario', 'aa', '--visitors', '-5']), 2, 'candor simulate: --visitors needs a value. If the value starts with "-", join them: --visitors=-VALUE.');
    oneLine(await candor(['simulate', '--scenario', 'aa', '--visitors=-5']), 2, 'candor simulate: --visitors must be a positive whole number, not "-5".');
    oneLine(await candor(['simulate', '--scenario', 'aa', '--visitors', '5', '--slots', 'many']), 2, 'candor simulate: --slots must be a whole number from 1 to 1000, not "many".');
    oneLine(await candor(['report', events, '--json=yes']), 2, 'candor report: --json takes no value; write it alone.');
    oneLine(await candor(['report', events, '--html']), 2, 'candor report: --html needs a value. If the value starts with "-", join them: --html=-VALUE.');
  });

  it('report on a file where no line is an event (a config) refuses, exit 1; so does an empty file', async () => {
    oneLine(
      await candor(['report', config]),
      1,
      new RegExp(`^candor report: no line of ${config} is a Candor event \\(\\d+ lines, none valid\\); point it at the NDJSON that candor collect or your sink wrote, or use --aggregate FILE for an aggregate\\.$`),
    );
    const empty = join(dir, 'empty.ndjson');
    await writeFile(empty, '');
    oneLine(await candor(['report', empty]), 1, `candor report: ${empty} holds no events (it is empty); point it at the NDJSON that candor collect or your sink wrote.`);
  });

  it('report on a missing file, an empty directory or a glob that matches nothing', async () => {
    oneLine(await candor(['report', '/nonexistent/events.ndjson']), 1, /^candor report: cannot read \/nonexistent\/events\.ndjson: ENOENT/);
    const nothing = await mkdtemp(join(tmpdir(), 'candor-nothing-'));
    oneLine(await candor(['report', nothing]), 1, `candor report: ${nothing}: a directory with no event files (.ndjson, .jsonl, .json, optionally .gz, or .parquet); name the events file instead.`);
    oneLine(await candor(['report', join(nothing, 'events*.ndjson')]), 1, `candor report: ${join(nothing, 'events*.ndjson')}: no file matches; check the pattern (only * and ? in the last part).`);
  });

  it('collect --out into a missing directory exits 2 at once instead of answering 503 to everything', async () => {
    oneLine(
      await candor(['collect', '--port', '0', '--out', '/missing/dir/x.ndjson']),
      2,
      'candor collect: --out /missing/dir/x.ndjson: cannot write /missing/dir/x.ndjson: the directory /missing/dir does not exist; create it or pick another path.',
    );
    oneLine(await candor(['collect', '--port', '0', '--out', dir]), 2, `candor collect: --out ${dir}: cannot write ${dir}: it is a directory; name a file in it, like ${join(dir, 'events.ndjson')}.`);
  });

  it('check on a missing file or a directory', async () => {
    oneLine(await candor(['check', join(dir, 'nope.json')]), 2, `candor check: cannot read ${join(dir, 'nope.json')}: no such file; check the name.`);
    oneLine(await candor(['check', dir]), 2, `candor check: cannot read ${dir}: it is a directory; name the config file in it.`);
  });
});

describe('a bug in Candor', () => {
  it('is one line without a stack trace, and the stack trace with CANDOR_DEBUG=1', () => {
    const error = new TypeError("Cannot read properties of null (reading 'experiences')");
    expect(internalErrorLine(error, false)).toBe(
      "candor: internal error, a bug in Candor (please report it with the command you ran; CANDOR_DEBUG=1 prints the stack trace): Cannot read properties of null (reading 'experiences')\n",
    );
    const debug = internalErrorLine(error, true);
    expect(debug).toContain('(please report it with the command you ran): TypeError: Cannot read properties of null');
    expect(debug).toMatch(/\n\s+at /);
  });
});
