// @ts-check
/**
 * Bench for `candor report`'s two aggregation engines (not a test: it prints figures, it asserts nothing).
 *
 *   npm run build && node bench/report-engines.js [--sizes 10m,50m] [--engines stream,duckdb] [--formats ndjson,parquet]
 *     [--memory-limit 2GB] [--parts K] [--clean] [--generate-only]
 *
 * Workload: simulated files written once into os.tmpdir() (`candor simulate`'s generator, scenario losing-experience,
 * 3 slots, every exposure re-logged twice later and one extra conversion per visitor: ~10 events per visitor):
 * - 1m: 100,000 visitors; 10m: 1,000,000 visitors; 50m: 5,000,000 visitors;
 * - as gzip NDJSON (`.ndjson.gz`), and as Parquet (the flat event table, written from it by `--parquet-out`'s code).
 * `--parts K` makes DuckDB aggregate the visitors in K parts (default: from the input's rows and its memory limit).
 * Each file is aggregated in a fresh child process: the streaming reader on the NDJSON file (it does not read Parquet),
 * DuckDB on both. Figures: events per second of wall time (read + parse + aggregate, the process's own start excluded),
 * CPU time, and peak resident memory (`process.resourceUsage().maxRSS`, DuckDB's native memory included).
 * Both engines' aggregates are compared (they must be equal): each run prints a hash of its aggregate (SHA-256 of its
 * JSON), so runs of one engine at a time can be compared too. Wall time depends on what else the machine runs.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip, constants } from 'node:zlib';

const reportPath = fileURLToPath(new URL(process.env.CANDOR_REPORT ?? '../dist/report.js', import.meta.url));
/** @type {typeof import('../src/report/index.js')} */
const lib = await import(reportPath);

const args = process.argv.slice(2);
const option = (/** @type {string} */ name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

if (args[0] === '--child') {
  const [, engine, format, file, memoryLimit, parts] = args;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const aggregate =
    engine === 'stream'
      ? await lib.aggregateEvents(file ?? '')
      : await lib.aggregateWithDuckDB([file ?? ''], /** @type {'ndjson' | 'parquet'} */ (format), { ...(memoryLimit ? { memoryLimit } : {}), ...(parts ? { parts: Number(parts) } : {}) });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({
      lines: aggregate.input.lines,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      fingerprint: createHash('sha256').update(JSON.stringify(aggregate)).digest('hex').slice(0, 16),
    }),
  );
  process.exit(0);
}

/** Writes the simulated gzip NDJSON file once (kept between runs unless --clean). */
async function ensureNdjson(/** @type {string} */ name, /** @type {number} */ visitors) {
  const file = join(tmpdir(), `candor-bench-engines-${name}.ndjson.gz`);
  if (existsSync(file) && statSync(file).size > 0) return file;
  const t0 = performance.now();
  const gzip = createGzip({ level: constants.Z_BEST_SPEED });
  const out = gzip.pipe(createWriteStream(file));
  const sim = lib.simulationEvents({ scenario: 'losing-experience', visitors, seed: name, design: { slots: 3 }, extraConversions: 1, reexposures: 2 });
  let buffer = '';
  let n = 0;
  for (const e of sim.events) {
    buffer += JSON.stringify(e) + '\n';
    n++;
    if (buffer.length > 1 << 20) {
      if (!gzip.write(buffer)) await once(gzip, 'drain');
      buffer = '';
    }
  }
  gzip.end(buffer);
  await once(out, 'finish');
  console.log(`generated ${file}: ${n.toLocaleString('en-US')} events, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return file;
}

/** Writes the Parquet file from the NDJSON file once. */
async function ensureParquet(/** @type {string} */ ndjson) {
  const file = ndjson.replace(/\.ndjson\.gz$/, '.parquet');
  if (existsSync(file) && statSync(file).size > 0) return file;
  const t0 = performance.now();
  await lib.writeEventsParquet([ndjson], 'ndjson', file);
  console.log(`converted to ${file}: ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return file;
}

/** @returns {{ lines: number, ms: number, cpuMs: number, maxRssMb: number, fingerprint: string } | undefined} */
function measure(/** @type {string} */ engine, /** @type {string} */ format, /** @type {string} */ file) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', engine, format, file, option('--memory-limit') ?? '', option('--parts') ?? ''], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) {
    console.error(`${engine} on ${file} failed:\n${child.stderr}`);
    process.exitCode = 1;
    return undefined;
  }
  return JSON.parse(child.stdout);
}

const SIZES = { '1m': 100_000, '10m': 1_000_000, '50m': 5_000_000 };
const sizes = (option('--sizes') ?? '10m,50m').split(',');
const rows = [];
console.log(`${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, DuckDB memory limit ${option('--memory-limit') ?? `${lib.defaultMemoryLimit()} (the default)`}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const name of sizes) {
  const visitors = SIZES[/** @type {keyof typeof SIZES} */ (name)];
  if (visitors === undefined) throw new Error(`unknown size ${name}: use ${Object.keys(SIZES).join(', ')}`);
  const ndjson = await ensureNdjson(name, visitors);
  const parquet = await ensureParquet(ndjson);
  if (args.includes('--generate-only')) continue;
  const engines = (option('--engines') ?? 'stream,duckdb').split(',');
  const formats = (option('--formats') ?? 'ndjson,parquet').split(',');
  const runs = [
    ['stream', 'ndjson', ndjson],
    ['duckdb', 'ndjson', ndjson],
    ['duckdb', 'parquet', parquet],
  ].filter(([engine, format]) => engines.includes(engine ?? '') && formats.includes(format ?? ''));
  const fingerprints = new Set();
  for (const [engine, format, file] of runs) {
    const r = measure(engine ?? '', format ?? '', file ?? '');
    if (!r) continue;
    fingerprints.add(r.fingerprint);
    const row = {
      events: r.lines,
      input: format === 'ndjson' ? 'NDJSON.gz' : 'Parquet',
      engine: engine === 'stream' ? 'streaming' : 'DuckDB',
      eventsPerSecond: Math.round(r.lines / (r.ms / 1000)),
      wallS: r.ms / 1000,
      cpuS: r.cpuMs / 1000,
      peakRssMb: Math.round(r.maxRssMb),
    };
    rows.push(row);
    console.log(
      `${name} ${row.input.padEnd(9)} ${row.engine.padEnd(9)} ${row.events.toLocaleString('en-US')} events: ${row.eventsPerSecond.toLocaleString('en-US')} events/s ` +
        `(${row.wallS.toFixed(1)} s wall, ${row.cpuS.toFixed(1)} s CPU), peak RSS ${row.peakRssMb} MB, aggregate ${r.fingerprint}`,
    );
  }
  if (fingerprints.size > 1) console.log(`  !! the engines' aggregates differ on ${name}`);
  console.log(`  load average after ${name}: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (args.includes('--clean')) for (const f of [ndjson, parquet]) unlinkSync(f);
}
console.log('\n| events | input | engine | events/s (wall) | wall | CPU | events per CPU-second | peak RSS |\n| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const perCpuSecond = Math.round(r.events / r.cpuS / 1000) * 1000;
  console.log(
    `| ${r.events.toLocaleString('en-US')} | ${r.input} | ${r.engine} | ${r.eventsPerSecond.toLocaleString('en-US')} | ${r.wallS.toFixed(1)} s | ${r.cpuS.toFixed(1)} s | ${perCpuSecond.toLocaleString('en-US')} | ${r.peakRssMb.toLocaleString('en-US')} MB |`,
  );
}
