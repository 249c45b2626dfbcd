import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check.js';
import { configStamp, configStamped } from '../../src/core/config/config-stamp.js';

const valid = {
  v: 1,
  version: '2026-11-22.1',
  salt: 'acme-q4',
  sections: { docs: '/docs' },
  declare: ['companySize'],
  audiences: {
    healthcare: { when: { 'utm.campaign': { $regex: '^health' } }, reason: 'You came here from our healthcare campaign.' },
    developers: { when: { 'pages.docs': { $gte: 2 } }, reason: 'You have read our developer docs on this site.' },
    'large-company': { when: { 'declared.companySize': { $in: ['1000+'] } }, reason: 'You told us your company size.', shadow: true },
  },
  slots: {
    hero: { experiences: [{ id: 'hero-health', audience: 'healthcare' }, { id: 'hero-dev', audience: 'developers' }] },
  },
};
const broken = {
  ...valid,
  slots: { hero: { control: 0.6, explore: 0.5, experiences: [{ id: 'hero-dev', audience: 'develoeprs' }] } },
};

/** Runs `candor check` with files held in memory; returns the exit code and what was printed. */
async function check(args: string[], files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (path) => {
      const text = Object.hasOwn(files, path) ? files[path] : undefined;
      return text === undefined ? Promise.reject(new Error(`ENOENT: no such file, open '${path}'`)) : Promise.resolve(text);
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('candor check', () => {
  it('prints a one-line summary and exits 0 for a valid config', async () => {
    const r = await check(['config.json'], { 'config.json': JSON.stringify(valid) });
    expect(r).toEqual({ code: 0, out: 'config ok: 3 audiences, 1 slot, 2 experiences', err: '' });
  });
  it('prints every problem with path, what is wrong and the fix, and exits 1', async () => {
    const r = await check(['config.json'], { 'config.json': JSON.stringify(broken) });
    expect(r.code).toBe(1);
    expect(r.out).toContain('config.json: 2 problems');
    expect(r.out).toContain('slots.hero  shares-too-large\n    "control" (0.6) plus "explore" (0.5) is 1.1, leaving no visitor to target.\n    Fix: Keep control + explore below 1');
    expect(r.out).toContain('slots.hero.experiences[0].audience  unknown-audience\n    There is no audience "develoeprs".\n    Fix: Did you mean "developers"?');
    expect(r.out).toContain('docs/errors.md');
  });
  it('says what still works, for the script tag (nothing) and the npm module (the valid parts), or that nothing does', async () => {
    const partly = { ...valid, audiences: { ...valid.audiences, extra: { when: { 'utm.nope': 1 }, reason: 'r' } } };
    const out = (await check(['c.json'], { 'c.json': JSON.stringify(partly) })).out;
    expect(out).toContain('the script tag shows the standard content everywhere');
    expect(out).toContain('the npm module drops the invalid parts and uses the rest: 3 audiences, 1 slot, 2 experiences');
    expect((await check(['c.json'], { 'c.json': JSON.stringify({ ...valid, v: 2 }) })).out).toContain('nothing in this config is used: visitors see the standard page everywhere, with the script tag and the npm module alike');
  });
  it.each([
    ['a number compared with a string', { 'pages.docs': { $gte: 'two' } }, 'audiences.bad.when["pages.docs"].$gte', '"pages.docs" holds a number, so "two" never compares with it'],
    ['true/false equal to a string', { 'visit.returning': 'yes' }, 'audiences.bad.when["visit.returning"]', '"visit.returning" holds true or false, so "yes" never equals it'],
    ['a string equal to a number', { 'utm.campaign': 42 }, 'audiences.bad.when["utm.campaign"]', '"utm.campaign" holds a string, so 42 never equals it'],
    ['a pattern on a number, inside $or', { $or: [{ 'visit.count': { $regex: '^1' } }] }, 'audiences.bad.when.$or[0]["visit.count"].$regex', '"visit.count" holds a number, so "^1" is never matched by a pattern'],
  ])('warns (type-mismatch, exit 1) about %s: a rule that can never match', async (_name, when, path, message) => {
    const config = { ...valid, sections: { docs: '/docs' }, audiences: { ...valid.audiences, bad: { when, reason: 'r' } } };
    const r = await check(['c.json'], { 'c.json': JSON.stringify(config) });
    expect(r.code).toBe(1);
    expect(r.out).toContain('c.json: 1 warning');
    expect(r.out).toContain(`${path}  type-mismatch (warning)\n    ${message}`);
    expect(r.out).toContain('Warnings drop nothing: the script tag and the npm module use this config as written (4 audiences, 1 slot, 2 experiences)');
  });
  it('does not warn about operands of the signal\'s type, lists, null or $exists', async () => {
    const when = { 'pages.docs': { $gte: 2 }, 'visit.returning': true, 'utm.campaign': { $in: ['a', null] }, 'locale.languages': 'en', 'recent.pages': { $size: 2 }, 'time.hour': { $exists: true } };
    const config = { ...valid, audiences: { ...valid.audiences, fine: { when, reason: 'r' } } };
    expect(await check(['c.json'], { 'c.json': JSON.stringify(config) })).toMatchObject({ code: 0, out: 'config ok: 4 audiences, 1 slot, 2 experiences' });
  });
  it('reports invalid JSON with line and column', async () => {
    const r = await check(['c.json'], { 'c.json': '{\n  "v": 1,\n  "salt": "x",,\n}' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\(root\) {2}invalid-json\n {4}The file is not valid JSON \(line 3, column 15\)/);
  });
  it('checks several files and exits with the worst result', async () => {
    const r = await check(['a.json', 'b.json'], { 'a.json': JSON.stringify(valid), 'b.json': JSON.stringify(broken) });
    expect(r.code).toBe(1);
    expect(r.out).toContain('a.json: config ok: 3 audiences, 1 slot, 2 experiences');
    expect(r.out).toContain('b.json: 2 problems');
  });
  it('exits 2 for a missing file, no file, or an unknown option', async () => {
    expect(await check(['nope.json'], {})).toMatchObject({ code: 2, err: expect.stringContaining('cannot read nope.json') as unknown });
    expect(await check([], {})).toMatchObject({ code: 2, err: expect.stringContaining('Usage: candor check') as unknown });
    expect(await check(['--strict', 'c.json'], {})).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --strict') as unknown });
  });
  it('--help prints usage and exits 0', async () => {
    expect(await check(['--help'], {})).toMatchObject({ code: 0, out: expect.stringContaining('Usage: candor check') as unknown });
  });
});

// The shipped bin, as a user runs it. `npm test` builds dist/ first; a bare vitest run without a build skips this.
describe.skipIf(!existsSync('dist/cli.js'))('dist/cli.js', () => {
  const run = async (args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['dist/cli.js', ...args]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  it('candor check exits 0 and 1 with the same output as runCheck', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'candor-check-'));
    await writeFile(join(dir, 'ok.json'), JSON.stringify(valid));
    await writeFile(join(dir, 'bad.json'), JSON.stringify(broken));
    expect(await run(['check', join(dir, 'ok.json')])).toEqual({ code: 0, stdout: 'config ok: 3 audiences, 1 slot, 2 experiences\n', stderr: '' });
    const bad = await run(['check', join(dir, 'bad.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('unknown-audience');
  });
  it('candor check --stamp writes a valid config with the stamp the built script tag accepts, and refuses a config with a problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'candor-stamp-'));
    await writeFile(join(dir, 'ok.json'), JSON.stringify(valid));
    await writeFile(join(dir, 'bad.json'), JSON.stringify(broken));
    const out = join(dir, 'stamped.json');
    const ok = await run(['check', join(dir, 'ok.json'), '--stamp', out]);
    expect(ok.code).toBe(0);
    const build = /\bbuild:"([0-9a-f]+)"/.exec(await readFile('dist/candor.min.js', 'utf8'))?.[1];
    const stamped = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>;
    expect(stamped).toEqual({ ...valid, checked: configStamp(build ?? '', valid) });
    expect(configStamped(stamped, build)).toBe(true);
    // The stamp vouches for this exact config and build only.
    expect(configStamped({ ...stamped, holdout: 0.2 }, build)).toBe(false);
    expect(configStamped(stamped, 'another-build')).toBe(false);
    expect(ok.stdout).toContain(`stamped for script tag build ${String(build)}`);

    const bad = await run(['check', join(dir, 'bad.json'), '--stamp', join(dir, 'bad-stamped.json')]);
    expect(bad.code).toBe(1);
    expect(existsSync(join(dir, 'bad-stamped.json'))).toBe(false);
    expect((await run(['check', join(dir, 'ok.json'), '--stamp'])).code).toBe(2);
  });
  it('candor --help lists the commands; an unknown command exits 2 with a hint', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['check', 'report', 'simulate', 'collect']) expect(help.stdout).toContain(`  ${command} `);
    const typo = await run(['chek']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown command "chek". Did you mean "check"?');
  });
});
