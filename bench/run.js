// @ts-check
/**
 * `npm run bench`: every bench, one after another, each in its own `node` process, then one combined table of medians
 * and ratios. Benches print figures; nothing here is asserted (size budgets live in test/build/size.test.ts).
 *
 *   npm run bench                    # builds first
 *   node bench/run.js                # uses the current dist/
 *   BENCH_RUNS=25 node bench/run.js  # more browser loads (default 15 per variant and scenario)
 *
 * Runs: bench/size.js, bench/decide-vs-growthbook.js, bench/browser.js (its three-way tables follow the combined one),
 * bench/decision-model.js, and bench/decide.js, bench/report.js and bench/collect.js when they exist (their own output
 * is shown as they print it). A bench that fails is reported and the others still run;
 * the exit code is 1 when any failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (/** @type {string} */ f) => fileURLToPath(new URL(f, import.meta.url));

/**
 * Runs one bench file in a child `node`; returns its stdout, or null when it failed (its stderr is shown).
 * @param {string} file
 * @param {string[]} args
 * @param {boolean} capture keep stdout to parse (JSON) instead of showing it
 */
function runChild(file, args, capture) {
  const started = Date.now();
  console.error(`\n▶ node bench/${file} ${args.join(' ')}`);
  const out = spawnSync(process.execPath, [here(file), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  console.error(`  ${out.status === 0 ? 'done' : `FAILED (exit ${String(out.status)})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return out.status === 0 ? (out.stdout ?? '') : null;
}

/** @param {string[][]} lines */
function table(lines) {
  const width = lines[0]?.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length))) ?? [];
  return lines.map((l) => l.map((cell, i) => (i ? cell.padStart(width[i] ?? 0) : cell.padEnd(width[i] ?? 0))).join('  ')).join('\n');
}

let failed = false;
/** @type {string[][]} */
const combined = [['measure (medians)', 'Candor', 'compared with', 'value', 'ratio / difference']];

const sizeOut = runChild('size.js', ['--json'], true);
if (sizeOut === null) failed = true;
else {
  /** @type {import('./size.js').SizeRow[]} */
  const rows = JSON.parse(sizeOut);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of rows.filter((x) => x.sdk === 'candor')) {
    const gb = r.pair ? byId.get(r.pair) : undefined;
    combined.push([
      `size, brotli: ${r.label}`,
      `${(r.brotli / 1024).toFixed(2)} KiB`,
      gb ? 'GrowthBook' : '',
      gb ? `${(gb.brotli / 1024).toFixed(2)} KiB` : '',
      gb ? `${(r.brotli / gb.brotli).toFixed(2)}×` : '',
    ]);
  }
}

const decideOut = runChild('decide-vs-growthbook.js', ['--json'], true);
if (decideOut === null) failed = true;
else {
  const { fmt } = await import('./decide-vs-growthbook.js');
  /** @type {Awaited<ReturnType<typeof import('./decide-vs-growthbook.js').runDecideVsGrowthBook>>} */
  const result = JSON.parse(decideOut);
  for (const r of result.rows) {
    combined.push([`decisions: ${r.measure}`, fmt(r.candor, r.unit), 'GrowthBook', fmt(r.growthbook, r.unit), `${(r.candor / r.growthbook).toFixed(2)}×`]);
    if (r.candorArms !== null) combined.push([`  … Candor with control/explore arms 0.1`, fmt(r.candorArms, r.unit), 'GrowthBook', fmt(r.growthbook, r.unit), `${(r.candorArms / r.growthbook).toFixed(2)}×`]);
  }
}

const browserOut = runChild('browser.js', ['--json'], true);
/** @type {string[]} */
const browserTables = [];
if (browserOut === null) failed = true;
else {
  const { scenarioLines, formatTable } = await import('./browser.js');
  /** @type {Awaited<ReturnType<typeof import('./browser.js').runBrowserBench>>} */
  const result = JSON.parse(browserOut);
  browserTables.push(
    `In the browser (${result.chromium} headless over CDP, ${String(result.runs)} fresh-context loads per variant and scenario, interleaved; CPU = main-thread thread time from the trace; load average at the end ${result.loadAverage.map((x) => x.toFixed(1)).join(' ')})`,
    ...result.scenarios.map((s) => formatTable(scenarioLines(s))),
  );
}

for (const file of ['decide.js', 'report.js', 'decision-model.js', 'collect.js']) {
  if (!existsSync(here(file))) {
    console.error(`\n(bench/${file} is not there yet: skipped)`);
    continue;
  }
  if (runChild(file, [], false) === null) failed = true;
}

console.log(`\nCombined (node ${process.version}; bench/decide.js, bench/report.js and bench/collect.js print their own tables above)\n`);
console.log(table(combined));
for (const t of browserTables) console.log(`\n${t}`);
if (failed) {
  console.error('\nAt least one bench failed: see its output above.');
  process.exitCode = 1;
}
