// @ts-check
/**
 * Bench for `candor collect` (not a test: it prints figures, it asserts nothing). Every figure is from the real command
 * (`node dist/cli.js collect`) in a child process on loopback; the load comes from this process.
 *
 *   npm run build && node bench/collect.js [--only throughput,invalid,ids,startup] [--seconds 8] [--clean]
 *
 * - throughput: 32 clients with keep-alive POST for `--seconds` each, first single events, then batches of 50 (fresh
 *   ids, ts now): events stored per second, and the median and p99 latency of a request. Every batch is written and
 *   fdatasync'ed before its 204 (batches that wait meanwhile share one write). The load generator shares the CPU.
 * - invalid: 16 bodies of ~1 MB of invalid events at once: how long until the last 400, and a valid batch sent with them.
 * - ids: 20 million distinct ids (small trust events spread over the last 29 days, ~2 GB in 256 MB files) read back
 *   at start-up: the start-up time and the collector's resident memory (VmRSS, and its peak VmHWM) once it listens.
 * - startup: one 1 GB file of SDK exposures (~2.4 million lines): time from spawn to listening.
 * Generated files stay in os.tmpdir()/candor-bench-collect for the next run (--clean removes them first); they are
 * read from the page cache, as on a server that wrote them.
 * Targets (issue 14): ≥ 30,000 events/s in batches; RSS < 300 MB at 20 million ids; start-up < 5 s on 1 GB.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const DAY = 86_400_000;
const args = process.argv.slice(2);
const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const only = option('--only', 'throughput,invalid,ids,startup').split(',');
const seconds = Number(option('--seconds', '8'));
const root = join(tmpdir(), 'candor-bench-collect');
if (args.includes('--clean')) rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });

/** @typedef {{ child: import('node:child_process').ChildProcessWithoutNullStreams, port: number, listeningMs: number, output: () => string }} Running */

/**
 * Starts `candor collect` on `out` and waits until it listens.
 * @param {string} out
 * @returns {Promise<Running>}
 */
function startCollector(out) {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'collect', '--port', '0', '--out', out]);
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (/** @type {string} */ d) => (text += d));
  child.stderr.setEncoding('utf8').on('data', (/** @type {string} */ d) => (text += d));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\/collect/.exec(text);
      if (m) resolve({ child, port: Number(m[1]), listeningMs: performance.now() - started, output: () => text });
    });
    child.on('exit', (code) => reject(new Error(`candor collect exited (${String(code)}):\n${text}`)));
  });
}

/**
 * Resident memory of a process, in MB: now (VmRSS) and its peak (VmHWM).
 * @param {number | undefined} pid
 */
function memory(pid) {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const kb = (/** @type {string} */ key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * CPU seconds a process has used (user + system), from /proc.
 * @param {number | undefined} pid
 */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${String(pid)}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 per second)
}

/** @param {Running} c */
async function stop(c) {
  c.child.kill('SIGINT');
  await new Promise((r) => c.child.once('exit', r));
}

const exposure = (/** @type {string} */ id, /** @type {number} */ ts, /** @type {number} */ n) =>
  `{"v":1,"type":"exposure","id":"${id}","visitorId":"v-${(n % 500_000).toString(36)}-7Hq2kPz","ts":${ts},"decisionId":"d-${(n % 500_000).toString(36)}","slot":"hero","configVersion":"2026-12-01","hashVersion":1,"salt":"2026-q4","arm":"targeted","experience":"hero-health","counterfactual":"hero-health","propensity":0.82,"eligible":["hero-health","hero-fintech"],"audiences":["healthcare"],"tier":"relationship","gpc":false}`;

/**
 * POSTs a body on a keep-alive agent; resolves with the status.
 * @param {http.Agent} agent
 * @param {number} port
 * @param {string} body
 * @returns {Promise<number>}
 */
function post(agent, port, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, port, host: '127.0.0.1', method: 'POST', path: '/collect', headers: { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/**
 * 32 keep-alive clients sending batches of `size` fresh events for `seconds` (after 1 s of warm-up).
 * @param {number} port
 * @param {number} size
 */
async function load(port, size) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const ts = Date.now();
  const template = `[${Array.from({ length: size }, (_, i) => exposure(`@@@@@@@@@@@@@@@@@@@@@@@@${i.toString(16).padStart(8, '0')}`, ts, i)).join(',')}]`;
  let sequence = 0;
  const body = () => template.replaceAll('@@@@@@@@@@@@@@@@@@@@@@@@', (sequence++).toString(16).padStart(8, '0') + process.pid.toString(16).padStart(8, '0') + size.toString(16).padStart(8, '0'));
  /** @type {number[]} */
  const latencies = [];
  let events = 0;
  let all = 0;
  let failures = 0;
  const warm = performance.now() + 1000;
  const end = warm + seconds * 1000;
  const client = async () => {
    for (let now = performance.now(); now < end; now = performance.now()) {
      const t0 = performance.now();
      const status = await post(agent, port, body());
      const t1 = performance.now();
      if (status !== 204) failures++;
      else all += size;
      if (t0 >= warm && t1 <= end) {
        latencies.push(t1 - t0);
        if (status === 204) events += size;
      }
    }
  };
  await Promise.all(Array.from({ length: 32 }, client));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { eventsPerSecond: events / seconds, all, requests: latencies.length, median: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), failures };
}

/**
 * Writes `lines` NDJSON lines made by `line(i)` into files of at most 256 MB: `name(k)` for the k-th file.
 * @param {number} lines
 * @param {(i: number) => string} line
 * @param {(k: number) => string} name
 */
function generate(lines, line, name) {
  let k = 0;
  let fd = openSync(name(k), 'w');
  let size = 0;
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    chunk += line(i) + '\n';
    if (chunk.length >= 1 << 20 || i === lines - 1) {
      if (size + chunk.length > 256 << 20) {
        closeSync(fd);
        fd = openSync(name(++k), 'w');
        size = 0;
      }
      writeSync(fd, chunk);
      size += chunk.length;
      chunk = '';
    }
  }
  closeSync(fd);
}

/** @type {string[][]} */
const rows = [['measure', 'value', 'target']];
const fmt = (/** @type {number} */ n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

if (only.includes('throughput') || only.includes('invalid')) {
  const dir = join(root, 'throughput');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const c = await startCollector(join(dir, 'events.ndjson'));
  if (only.includes('throughput')) {
    for (const size of [1, 50]) {
      console.error(`throughput: ${size === 1 ? 'single events' : `batches of ${size}`}, 32 clients, ${seconds} s…`);
      const cpu0 = cpuSeconds(c.child.pid);
      const r = await load(c.port, size);
      const cpu = cpuSeconds(c.child.pid) - cpu0;
      const label = size === 1 ? 'single events' : `batches of ${size}`;
      rows.push([`${label}: events stored per second`, fmt(r.eventsPerSecond), size === 1 ? '' : '≥ 30,000']);
      rows.push([`${label}: events per CPU-second of the collector`, fmt(r.all / cpu), '']);
      rows.push([`${label}: request latency median / p99`, `${fmt(r.median, 1)} ms / ${fmt(r.p99, 1)} ms`, '']);
      if (r.failures) rows.push([`${label}: answers other than 204`, fmt(r.failures), '0']);
    }
    const m = memory(c.child.pid);
    rows.push(['RSS after the throughput runs (peak)', `${fmt(m.rss)} MB (${fmt(m.peak)} MB)`, '']);
  }
  if (only.includes('invalid')) {
    console.error('invalid: 16 bodies of ~1 MB of invalid events at once…');
    const ts = Date.now();
    const junk = JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ ...JSON.parse(exposure(`bad${String(i).padStart(12, '0')}`, ts, i)), [`unknown${i}`]: 'y'.repeat(2150), propensity: 7 })));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const t0 = performance.now();
    /** @type {number} */
    let valid = 0;
    const statuses = await Promise.all([
      ...Array.from({ length: 16 }, () => post(agent, c.port, junk)),
      (async () => {
        await new Promise((r) => setTimeout(r, 5));
        const v0 = performance.now();
        const status = await post(agent, c.port, `[${exposure(`ok${String(Date.now()).padStart(20, '0')}`, ts, 1)}]`);
        valid = performance.now() - v0;
        return status;
      })(),
    ]);
    const total = performance.now() - t0;
    agent.destroy();
    rows.push([`16 × ${fmt(junk.length / 1e6, 2)} MB of invalid events at once: until the last answer`, `${fmt(total)} ms (answers: ${[...new Set(statuses)].join(', ')})`, '']);
    rows.push(['  a valid batch sent among them: answered in', `${fmt(valid)} ms`, '']);
  }
  await stop(c);
  rmSync(dir, { recursive: true, force: true });
}

if (only.includes('ids')) {
  const dir = join(root, 'ids-20m');
  const ids = 20_000_000;
  const done = join(dir, 'done');
  // Files older than a day are made again: their ts must stay inside the 30-day window.
  const fresh = existsSync(done) && Date.now() - statSync(done).mtimeMs < DAY;
  const now = fresh ? Number(readFileSync(done, 'utf8')) : Date.now();
  const today = new Date(now).toISOString().slice(0, 10);
  if (!fresh) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    console.error(`ids: writing ${fmt(ids)} events (~2 GB) into ${dir}…`);
    generate(
      ids,
      (i) => `{"v":1,"type":"trust","id":"${i.toString(16).padStart(24, '0')}c011ec70","visitorId":"v${(i % 1_000_000).toString(36)}","ts":${now - 3_600_000 - (i % 29) * DAY},"kind":"forget"}`,
      (k) => join(dir, `events.${today}.${k + 2}.ndjson`),
    );
    writeSync(openSync(done, 'w'), String(now));
  }
  const out = join(dir, 'events.ndjson');
  rmSync(out, { force: true });
  console.error('ids: starting the collector on them…');
  const c = await startCollector(out);
  const m = memory(c.child.pid);
  const readBack = /Read back (\d+) ids .* in ([\d.]+) s/.exec(c.output());
  rows.push([`${fmt(Number(readBack?.[1] ?? NaN))} distinct ids read back: start-up (spawn to listening)`, `${fmt(c.listeningMs / 1000, 1)} s (${fmt(cpuSeconds(c.child.pid), 1)} s of CPU)`, '']);
  rows.push(['  collector RSS once listening (peak)', `${fmt(m.rss)} MB (${fmt(m.peak)} MB)`, '< 300 MB']);
  // Sanity: resending 1,000 of them is answered as duplicates, a fresh one is stored.
  const agent = new http.Agent({ keepAlive: true });
  const resend = `[${Array.from({ length: 500 }, (_, j) => { const i = j * 39_989; return `{"v":1,"type":"trust","id":"${i.toString(16).padStart(24, '0')}c011ec70","visitorId":"v","ts":${now - 3_600_000 - (i % 29) * DAY},"kind":"forget"}`; }).join(',')}]`;
  await post(agent, c.port, resend);
  await post(agent, c.port, `[{"v":1,"type":"trust","id":"fresh${String(now)}","visitorId":"v","ts":${now},"kind":"forget"}]`);
  agent.destroy();
  await new Promise((r) => setTimeout(r, 200));
  const batches = c.output().match(/\+\d+ stored, \d+ duplicate/g) ?? [];
  rows.push(['  resent 500 of them, then 1 new: the collector logged', batches.join('; '), '+0 stored, 500 duplicate; +1 stored, 0 duplicate']);
  await stop(c);
  rmSync(out, { force: true });
}

if (only.includes('startup')) {
  const dir = join(root, 'startup-1gb');
  const file = join(dir, 'events.ndjson');
  const gb = 1 << 30;
  if (!existsSync(file) || statSync(file).size < gb) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const now = Date.now();
    const lines = Math.ceil(gb / (exposure('0'.repeat(32), now, 0).length + 1));
    console.error(`startup: writing ${fmt(lines)} exposures (1 GB) into ${file}…`);
    // One file, however large (an older collector, or rotation off): generate() would split it, so write it whole here.
    const fd = openSync(file, 'w');
    let chunk = '';
    for (let i = 0; i < lines; i++) {
      chunk += exposure(i.toString(16).padStart(32, '0'), now - 3_600_000 - (i % 20) * DAY, i) + '\n';
      if (chunk.length >= 1 << 20 || i === lines - 1) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    closeSync(fd);
  }
  console.error('startup: starting the collector on 1 GB…');
  const c = await startCollector(file);
  const m = memory(c.child.pid);
  rows.push([`start-up on one ${fmt(statSync(file).size / 1e9, 2)} GB file (spawn to listening)`, `${fmt(c.listeningMs / 1000, 1)} s (${fmt(cpuSeconds(c.child.pid), 1)} s of CPU)`, '< 5 s']);
  rows.push(['  collector RSS once listening (peak)', `${fmt(m.rss)} MB (${fmt(m.peak)} MB)`, '']);
  await stop(c);
}

const width = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
console.log(`\ncandor collect (node ${process.version}, ${String(os().cpus)} CPUs, load average ${os().load})\n`);
console.log(rows.map((r) => r.map((cell, i) => (i ? cell.padStart(width[i] ?? 0) : cell.padEnd(width[i] ?? 0))).join('  ')).join('\n'));

function os() {
  const text = readFileSync('/proc/loadavg', 'utf8').split(' ');
  return { cpus: readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 0, load: `${text[0] ?? ''} ${text[1] ?? ''} ${text[2] ?? ''}` };
}
