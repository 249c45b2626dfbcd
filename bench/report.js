// @ts-check
/**
 * Bench for `candor report`'s streaming aggregation (not a test: it prints figures, it asserts nothing).
 *
 *   npm run build && node bench/report.js [--only 1m|10m] [--clean]
 *
 * Workload: files simulated once into os.tmpdir() (`candor simulate`'s generator, scenario losing-experience,
 * 3 slots, every exposure re-logged twice later and one extra conversion per visitor, so a visitor has ~10 events;
 * kept for the next run unless --clean):
 * - 1m:  100,000 visitors, ~1 million events;
 * - 10m: 1,000,000 visitors, ~10 million events.
 * Each file is aggregated in a fresh child process (`--child FILE`), so the figures are the aggregation's alone:
 * events (lines) per second through read + parse + aggregate, the time of `analyze` on the result, and peak
 * resident memory (`process.resourceUsage().maxRSS`). Targets: ≥ 500,000 events/s; ≤ 300 MB at 10 million events.
 * Wall time depends on what else the machine runs; CPU time (user + system of the child) is printed beside it.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const reportPath = fileURLToPath(new URL(process.env.CANDOR_REPORT ?? '../dist/report.js', import.meta.url));
/** @type {typeof import('../src/report/index.js')} */
const lib = await import(reportPath);

const args = process.argv.slice(2);

if (args[0] === '--child') {
  const file = args[1] ?? '';
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const aggregate = await lib.aggregateEvents(file);
  const aggregated = performance.now();
  const cpu = process.cpuUsage(cpu0);
  lib.analyze(aggregate, { config: lib.simulateEvents({ scenario: 'aa', visitors: 0, design: { slots: 3 } }, () => undefined).config });
  const analyzed = performance.now();
  process.stdout.write(
    JSON.stringify({
      lines: aggregate.input.lines,
      visitors: aggregate.periods.reduce((t, p) => t + p.visitors, 0),
      aggregateMs: aggregated - started,
      cpuMs: (cpu.user + cpu.system) / 1000,
      analyzeMs: analyzed - aggregated,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}

/** Writes a simulated file once (kept between runs unless it is missing). */
async function ensureFile(/** @type {string} */ name, /** @type {number} */ visitors) {
  const file = join(tmpdir(), `candor-bench-v2-${name}.ndjson`);
  if (existsSync(file) && statSync(file).size > 0) return file;
  const t0 = performance.now();
  const out = createWriteStream(file);
  const sim = lib.simulationEvents({ scenario: 'losing-experience', visitors, seed: name, design: { slots: 3 }, extraConversions: 1, reexposures: 2 });
  let buffer = '';
  let n = 0;
  for (const e of sim.events) {
    buffer += JSON.stringify(e) + '\n';
    n++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  console.log(`generated ${file}: ${n.toLocaleString('en-US')} events, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

const sizes = /** @type {const} */ ([
  ['1m', 100_000],
  ['10m', 1_000_000],
]);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
for (const [name, visitors] of sizes) {
  if (only !== undefined && only !== name) continue;
  const file = await ensureFile(name, visitors);
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exitCode = 1;
    continue;
  }
  /** @type {{ lines: number, visitors: number, aggregateMs: number, cpuMs: number, analyzeMs: number, maxRssMb: number }} */
  const r = JSON.parse(child.stdout);
  console.log(
    `${name}: ${r.lines.toLocaleString('en-US')} events, ${r.visitors.toLocaleString('en-US')} visitors: ` +
      `${Math.round(r.lines / (r.aggregateMs / 1000)).toLocaleString('en-US')} events/s (${(r.aggregateMs / 1000).toFixed(1)} s wall), ` +
      `${Math.round(r.lines / (r.cpuMs / 1000)).toLocaleString('en-US')} events per CPU-second (${(r.cpuMs / 1000).toFixed(1)} s CPU, GC threads included), ` +
      `analyze ${r.analyzeMs.toFixed(0)} ms, peak RSS ${r.maxRssMb.toFixed(0)} MB`,
  );
  if (args.includes('--clean')) unlinkSync(file);
}
