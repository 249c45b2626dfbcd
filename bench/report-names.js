// @ts-check
/**
 * Bench for `candor report` under many distinct names (not a test: it prints figures, it asserts nothing).
 *
 *   npm run build && node bench/report-names.js
 *
 * Workload: a real simulated site (20,000 visitors, losing-experience, its config) plus 10,000 forged events that each
 * carry a new name: 10,000 slots, audiences, goals (an exposure and a conversion each), salts, experiences, and one
 * exposure listing 10,000 audiences. Each file is reported by the built CLI in a fresh process
 * (`dist/cli.js report FILE --config CONFIG --html OUT`), so the figures are what a user waits for: wall time, CPU time
 * (user + system of the child), peak resident memory, and the sizes of the text and HTML reports.
 * Target (issue 15): under 10 s and under 2 MB of HTML for each.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {typeof import('../src/report/index.js')} */
const lib = await import(fileURLToPath(new URL('../dist/report.js', import.meta.url)));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'candor-names-'));

/** @type {string[]} */
const site = [];
const { config } = lib.simulateEvents({ scenario: 'losing-experience', visitors: 20_000, seed: 'names' }, (e) => site.push(JSON.stringify(e)));
writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
const T = Date.UTC(2026, 0, 6);
/** @param {string} visitorId @param {Record<string, unknown>} over */
const exposure = (visitorId, over = {}) =>
  JSON.stringify({ v: 1, type: 'exposure', id: `f-${visitorId}`.padEnd(8, 'x'), visitorId, ts: T, decisionId: 'd', slot: 'hero', configVersion: 'sim-1', hashVersion: 1, salt: 'sim-2026q1', arm: 'targeted', experience: 'dev-hero', counterfactual: 'dev-hero', propensity: 0.78375, eligible: ['dev-hero', 'manager-hero', 'ops-hero'], audiences: ['developers'], tier: 'relationship', gpc: false, ...over });
const N = 10_000;
const range = (/** @type {(i: number) => string | string[]} */ f) => Array.from({ length: N }, (_, i) => f(i)).flat();
/** @type {[string, string[]][]} */
const cases = [
  ['none (the site alone)', []],
  ['10k slots', range((i) => exposure(`s${i}`, { slot: `slot-${i}` }))],
  ['10k audiences', range((i) => exposure(`a${i}`, { audiences: [`audience-${i}`] }))],
  ['10k goals', range((i) => [exposure(`g${i}`), JSON.stringify({ v: 1, type: 'conversion', id: `c-g${i}`.padEnd(8, 'x'), visitorId: `g${i}`, ts: T + 1000, goal: `goal-${i}` })])],
  ['10k salts', range((i) => exposure(`t${i}`, { salt: `salt-${i}` }))],
  ['10k experiences', range((i) => exposure(`e${i}`, { experience: `exp-${i}`, counterfactual: `exp-${i}` }))],
  ['10k audiences in one event', [exposure('many', { audiences: Array.from({ length: N }, (_, i) => `one-${i}`) })]],
];
for (const [name, forged] of cases) {
  const file = join(dir, 'events.ndjson');
  writeFileSync(file, [...site, ...forged].join('\n') + '\n');
  const html = join(dir, 'report.html');
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, 'report', file, '--config', join(dir, 'config.json'), '--html', html], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - started) / 1000;
  const [, user, sys, rssKb] = (child.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  if (child.status !== 0) {
    console.error(`${name}: exit ${child.status}\n${child.stderr}`);
    process.exitCode = 1;
    continue;
  }
  console.log(
    `${name.padEnd(28)} ${wall.toFixed(2)} s wall, ${((user ?? 0) + (sys ?? 0)).toFixed(2)} s CPU, peak RSS ${((rssKb ?? 0) / 1024).toFixed(0)} MB, text ${(child.stdout.length / 1024).toFixed(0)} kB, HTML ${(statSync(html).size / 1024).toFixed(0)} kB`,
  );
}
