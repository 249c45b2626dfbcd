// @ts-check
/**
 * Bench for the decision core (not a test: it prints figures, it asserts nothing).
 *
 *   npm run build && node bench/decide.js
 *
 * Workload: 20 slots × 4 experiences, each experience with its own 3-condition audience (80 audiences, the worst
 * case: every audience is evaluated once per page view, because every decision logs every matched audience); and
 * the same slots targeting 4 shared audiences (mostly the cost of the decisions themselves).
 * - "20 decisions": one page view of one visitor: a fresh signal snapshot, then the 20 slots decided. Median over
 *   many batches (each batch alternates two visitors and fresh snapshots, so no memo of a previous page view helps).
 * - "visitors per second": 100,000 visitors, each with its own id and snapshot, each deciding the 20 slots.
 * - sizes: `decide` with everything it imports, and the whole of `candor/core`, bundled from dist/core.js with
 *   rollup + terser (the settings of rollup.config.ts) in memory, then brotli (quality 11) with node:zlib.
 */
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

const corePath = fileURLToPath(new URL(process.env.CANDOR_CORE ?? '../dist/core.js', import.meta.url));
/** @type {typeof import('../src/core/index.js')} */
const core = await import(corePath);
const { decide } = core;

const SLOTS = 20;
const PER_SLOT = 4;

/**
 * @param {boolean} shared every slot targets the same 4 audiences instead of 4 of its own
 * @returns {import('../src/core/types.js').ValidConfig}
 */
function benchConfig(shared) {
  /** @type {Record<string, import('../src/core/types.js').Audience>} */
  const audiences = {};
  /** @type {Record<string, import('../src/core/types.js').SlotConfig>} */
  const slots = {};
  for (let s = 0; s < SLOTS; s++) {
    const experiences = [];
    for (let e = 0; e < PER_SLOT; e++) {
      const id = shared ? `a${e}` : `a${s}-${e}`;
      audiences[id] = {
        id,
        when: {
          'utm.campaign': { $regex: `^camp-${e}` },
          'pages.docs': { $gte: (s + e) % 4 },
          'device.type': { $in: e % 2 ? ['desktop', 'tablet'] : ['mobile', 'desktop'] },
        },
        reason: `Reason ${id}.`,
        tier: 'relationship',
        shadow: false,
        signals: ['utm.campaign', 'pages.docs', 'device.type'],
      };
      experiences.push({ id: `s${s}-e${e}`, audience: id });
    }
    slots[`slot-${s}`] = { control: 0.1, explore: 0.1, experiences };
  }
  return { v: 1, version: 'bench-1', salt: 'bench', holdout: 0.05, consent: { default: 'relationship', withGpc: 'low' }, audiences, slots };
}

const distinct = benchConfig(false);
const shared = benchConfig(true);
let config = distinct;
const slotNames = Object.keys(distinct.slots);
/** @type {import('../src/core/types.js').ConsentState} */
const consent = { tier: 'relationship', gpc: false };
const DEVICES = ['mobile', 'desktop', 'tablet'];
/** @param {number} i */
const snapshot = (i) => ({
  'utm.campaign': `camp-${i % 5}-q4`,
  'pages.docs': i % 6,
  'device.type': DEVICES[i % 3],
  'locale.language': 'en',
  'visit.count': i % 9,
});
/** @param {number} i */
const visitorId = (i) => `3f2a9c1e-7b4d-4e2f-9a61-${String(i).padStart(12, '0')}`;

let sink = 0;
/** One page view: every slot decided for one visitor and snapshot. */
function pageView(/** @type {string} */ id, /** @type {import('../src/core/types.js').Signals} */ signals) {
  for (const slot of slotNames) sink += decide({ config, slot, visitorId: id, signals, consent }).propensity;
}

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[s.length >> 1] ?? 0) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};

// 1. 20 decisions for one visitor (one page view), median of batches.
const BATCH = 200;
const ids = [visitorId(1), visitorId(2)];
const snaps = Array.from({ length: BATCH }, (_, i) => snapshot(i));
for (let w = 0; w < 300; w++) for (let i = 0; i < BATCH; i++) pageView(ids[i & 1] ?? '', { ...snaps[i] }); // warm-up
// Wall time, and this process's CPU time (steadier when other processes share the cores).
function timePages() {
  const wall = [];
  const cpu = [];
  for (let r = 0; r < 300; r++) {
    const fresh = snaps.map((s) => ({ ...s }));
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) pageView(ids[i & 1] ?? '', /** @type {any} */ (fresh[i]));
    wall.push(Number(process.hrtime.bigint() - t0) / BATCH / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / BATCH);
  }
  return `${median(wall).toFixed(2)} / ${median(cpu).toFixed(2)} µs`;
}
const perPage = timePages();
config = shared;
for (let w = 0; w < 100; w++) for (let i = 0; i < BATCH; i++) pageView(ids[i & 1] ?? '', { ...snaps[i] });
const perPageShared = timePages();
config = distinct;

// 2. Visitors per second over 100,000 visitors (each: own id, own snapshot, 20 decisions). Median of 5 runs.
const N = 100_000;
const visitors = Array.from({ length: N }, (_, i) => visitorId(i + 10));
const visitorSnaps = Array.from({ length: N }, (_, i) => snapshot(i * 7));
const rates = [];
for (let r = 0; r < 5; r++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) pageView(visitors[i] ?? '', /** @type {any} */ (visitorSnaps[i]));
  rates.push(N / (Number(process.hrtime.bigint() - t0) / 1e9));
}

// 3. Sizes: minified + brotli.
/** @param {string} source */
async function brotliSize(source) {
  const bundle = await rollup({
    input: '\0entry',
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === '\0entry' ? id : null),
        load: (id) => (id === '\0entry' ? source : null),
      },
      terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true }, mangle: { properties: { regex: /^_/ } }, format: { comments: false } }),
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const code = output.map((o) => (o.type === 'chunk' ? o.code : '')).join('');
  const brotli = brotliCompressSync(Buffer.from(code), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { min: Buffer.byteLength(code), brotli };
}
const decideSize = await brotliSize(`export { decide } from ${JSON.stringify(corePath)};`);
const coreSize = await brotliSize(`export * from ${JSON.stringify(corePath)};`);

const kib = (/** @type {number} */ b) => `${(b / 1024).toFixed(2)} KiB`;
const rows = [
  ['20 decisions, one visitor, 80 audiences (median wall / CPU)', perPage, '< 8 µs'],
  ['20 decisions, one visitor, 4 shared audiences (median wall / CPU)', perPageShared, ''],
  ['visitors per second, 100,000 visitors × 20 slots (median of 5)', `${Math.round(median(rates)).toLocaleString('en')}`, ''],
  ['decide + imports, min / brotli', `${kib(decideSize.min)} / ${kib(decideSize.brotli)}`, '< 2 KiB brotli'],
  ['candor/core, min / brotli', `${kib(coreSize.min)} / ${kib(coreSize.brotli)}`, ''],
];
const width = [0, 1, 2].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length), ['measure', 'value', 'target'][c]?.length ?? 0));
const line = (/** @type {string[]} */ r) => r.map((cell, c) => cell.padEnd(width[c] ?? 0)).join('  ');
console.log(
  `node ${process.version}, ${SLOTS} slots × ${PER_SLOT} experiences, 3-condition audiences; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`,
);
console.log(line(['measure', 'value', 'target']));
console.log(line(width.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
if (Number.isNaN(sink)) console.log('');
