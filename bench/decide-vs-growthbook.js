// @ts-check
/**
 * Decision speed, Candor next to GrowthBook 1.8.0, on one workload expressed for both (not a test: it prints figures).
 *
 *   npm run build && node bench/decide-vs-growthbook.js          # table
 *   node bench/decide-vs-growthbook.js --json                     # results as JSON (used by bench/run.js)
 *
 * Workload: 20 slots (Candor) / 20 features (GrowthBook), with 2–4 targeted variations each (slot s has 2 + s % 3),
 * each variation targeted by a 2- or 3-condition rule over five conditions:
 *   url contains   Candor `url.path` {$regex: "pricing"}   GrowthBook `url` {$regex: "pricing"}
 *   utm_source =   Candor `utm.source` "google"            GrowthBook `utm_source` "google"
 *   country in     Candor `query.country` {$in: [..]}      GrowthBook `country` {$in: [..]}
 *   visits ≥ N     Candor `visit.count` {$gte: N}          GrowthBook `visitCount` {$gte: N}
 *   device type    Candor `device.type` "mobile"           GrowthBook `deviceType` "mobile"
 * Candor reads no country (it never geolocates): the country stands in as `query.country`, a link parameter.
 * The first matching variation of a slot wins, else the standard content ("baseline").
 * 10% holdout: Candor's `holdout: 0.1` (per-slot control and explore set to 0, so both SDKs do the same job; a second
 * Candor row keeps its default control and explore arms of 0.1 each). GrowthBook: its README's "Holdout Groups" design,
 * a `gb.run({ key: "holdout", variations: [true, false], weights: [0.1, 0.9] })` per page view, and the 20 features
 * (each a list of `force` rules with conditions, the first match wins) read only outside the holdout.
 *
 * Before timing, both SDKs must pick what the reference rules below say, for 5,000 generated visitors (outside the
 * holdout: the reference's pick; inside: baseline in every slot; holdout share within 10% ± 1.5 points), else it exits 1.
 *
 * Measures (medians):
 * - cold: a fresh `node` process per sample (15 per SDK, alternating): import the SDK, read the config
 *   (Candor `validateConfig`, GrowthBook `new GrowthBook({ attributes, features })`), decide the 20 slots. Node's own
 *   start-up is not counted (the same for both).
 * - warm: 20 decisions for one visitor (a fresh signal/attribute object each page view, so nothing is memoized across
 *   page views), median of 200 samples of 200 page views each.
 * - visitors per second: 100,000 generated visitors × 20 slots, median of 5 rounds.
 * Each is given as wall-clock time and as this process's CPU time (`process.cpuUsage`), which other processes on a
 * busy machine disturb less; the load average is printed with the table.
 * Candor runs `decide` from dist/core.js with a config validated once; GrowthBook runs synchronously with inline features
 * and one instance whose attributes are set per visitor (`setAttributes`, synchronous here: no sticky buckets, no remote eval).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SLOTS = 20;
const HOLDOUT = 0.1;
const corePath = fileURLToPath(new URL('../dist/core.js', import.meta.url));

const PATHS = ['/', '/pricing', '/docs/api', '/blog/health-teams', '/features/automation', '/pricing/enterprise', '/docs'];
const TOKENS = ['pricing', 'docs', 'blog', 'features'];
const SOURCES = ['google', 'newsletter', 'linkedin', undefined];
const COUNTRIES = ['DE', 'FR', 'US', 'GB', 'JP', 'BR', 'IN'];
const DEVICES = ['mobile', 'desktop', 'tablet'];

/**
 * A visitor of the workload, SDK-neutral.
 * @typedef {{ id: string, path: string, source: string | undefined, country: string, visits: number, device: string }} Visitor
 */

/**
 * One condition of the workload, SDK-neutral.
 * @typedef {{ kind: 'url', token: string } | { kind: 'utm', source: string } | { kind: 'country', list: string[] } | { kind: 'visits', min: number } | { kind: 'device', type: string }} Cond
 */

/** The workload: per slot, its variations, each with its conditions. @type {{ slot: string, variations: { id: string, conds: Cond[] }[] }[]} */
const WORKLOAD = Array.from({ length: SLOTS }, (_, s) => ({
  slot: `slot-${s}`,
  variations: Array.from({ length: 2 + (s % 3) }, (_, e) => {
    const kinds = [(s + e) % 5, (s + e + 1) % 5, (s + e + 3) % 5].slice(0, e % 2 ? 3 : 2);
    /** @type {Cond[]} */
    const conds = kinds.map((k) => {
      if (k === 0) return { kind: 'url', token: TOKENS[(s + e) % TOKENS.length] ?? 'pricing' };
      if (k === 1) return { kind: 'utm', source: SOURCES[(s * 3 + e) % 3] ?? 'google' };
      if (k === 2) return { kind: 'country', list: COUNTRIES.filter((_, i) => (i + s + e) % 3 !== 0) };
      if (k === 3) return { kind: 'visits', min: 1 + ((s + 2 * e) % 6) };
      return { kind: 'device', type: DEVICES[(s + e) % 3] ?? 'mobile' };
    });
    return { id: `s${s}-v${e}`, conds };
  }),
}));

/** The reference rules: what each slot shows a visitor outside the holdout. */
function referencePick(/** @type {Visitor} */ v, /** @type {typeof WORKLOAD[number]} */ w) {
  for (const variation of w.variations) {
    const ok = variation.conds.every((c) =>
      c.kind === 'url' ? v.path.includes(c.token)
      : c.kind === 'utm' ? v.source === c.source
      : c.kind === 'country' ? c.list.includes(v.country)
      : c.kind === 'visits' ? v.visits >= c.min
      : v.device === c.type,
    );
    if (ok) return variation.id;
  }
  return 'baseline';
}

/** Deterministic visitors (mulberry32). */
function makeVisitors(/** @type {number} */ n, seed = 1) {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = /** @template T @param {T[]} list @returns {T} */ (list) => /** @type {T} */ (list[Math.floor(rnd() * list.length)]);
  /** @type {Visitor[]} */
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push({ id: `v${seed}-${i}-${Math.floor(rnd() * 1e9).toString(36)}`, path: pick(PATHS), source: pick(SOURCES), country: pick(COUNTRIES), visits: 1 + Math.floor(rnd() * 12), device: pick(DEVICES) });
  }
  return out;
}

// ---- Candor's expression of the workload ----

/** @param {Cond} c @returns {[string, unknown]} */
function candorCond(c) {
  if (c.kind === 'url') return ['url.path', { $regex: c.token }];
  if (c.kind === 'utm') return ['utm.source', c.source];
  if (c.kind === 'country') return ['query.country', { $in: c.list }];
  if (c.kind === 'visits') return ['visit.count', { $gte: c.min }];
  return ['device.type', c.type];
}

/** Candor's config (raw, as a site writes it). @param {{ arms: boolean }} opts */
function candorConfig(opts) {
  /** @type {Record<string, { when: Record<string, unknown>, reason: string }>} */
  const audiences = {};
  /** @type {Record<string, { control: number, explore: number, experiences: { id: string, audience: string }[] }>} */
  const slots = {};
  for (const w of WORKLOAD) {
    slots[w.slot] = {
      control: opts.arms ? 0.1 : 0,
      explore: opts.arms ? 0.1 : 0,
      experiences: w.variations.map((v) => {
        audiences[`a-${v.id}`] = { when: Object.fromEntries(v.conds.map(candorCond)), reason: `Rule of ${v.id}.` };
        return { id: v.id, audience: `a-${v.id}` };
      }),
    };
  }
  return { v: 1, version: 'bench-1', salt: 'bench', holdout: HOLDOUT, consent: { default: 'relationship', withGpc: 'low' }, audiences, slots };
}

/** @param {Visitor} v @returns {import('../src/core/types.js').Signals} */
const candorSignals = (v) => ({ 'url.path': v.path, 'utm.source': v.source, 'query.country': v.country, 'visit.count': v.visits, 'device.type': v.device });

/** @type {import('../src/core/types.js').ConsentState} */
const CONSENT = { tier: 'relationship', gpc: false };

// ---- GrowthBook's expression of the workload ----

/** @param {Cond} c @returns {[string, unknown]} */
function gbCond(c) {
  if (c.kind === 'url') return ['url', { $regex: c.token }];
  if (c.kind === 'utm') return ['utm_source', c.source];
  if (c.kind === 'country') return ['country', { $in: c.list }];
  if (c.kind === 'visits') return ['visitCount', { $gte: c.min }];
  return ['deviceType', c.type];
}

/** GrowthBook's features: one per slot, `force` rules in priority order, default "baseline". */
function gbFeatures() {
  /** @type {import('@growthbook/growthbook').FeatureDefinitions} */
  const features = {};
  for (const w of WORKLOAD) {
    features[w.slot] = {
      defaultValue: 'baseline',
      rules: w.variations.map((v) => ({ condition: /** @type {import('@growthbook/growthbook').ConditionInterface} */ (Object.fromEntries(v.conds.map(gbCond))), force: v.id })),
    };
  }
  return features;
}

/** GrowthBook's global holdout, as its README's "Holdout Groups" section writes it. */
/** @type {import('@growthbook/growthbook').Experiment<boolean>} */
const GB_HOLDOUT = { key: 'holdout', variations: [true, false], weights: [HOLDOUT, 1 - HOLDOUT] };

/** @param {Visitor} v */
const gbAttributes = (v) => ({ id: v.id, url: v.path, utm_source: v.source, country: v.country, visitCount: v.visits, deviceType: v.device });

/**
 * The SDKs behind one interface: `pageView(visitor index)` decides the 20 slots for a prepared visitor.
 * @typedef {{ name: string, prepare: (visitors: Visitor[]) => void, pageView: (i: number) => string[], holdout: (i: number) => boolean }} Runner
 */

/** @param {typeof import('../src/core/index.js')} core @param {{ arms: boolean }} opts @returns {Runner} */
function candorRunner(core, opts) {
  const { config, errors } = core.validateConfig(candorConfig(opts));
  if (!config || errors.length) throw new Error(`the bench's Candor config is invalid: ${JSON.stringify(errors)}`);
  const slots = WORKLOAD.map((w) => w.slot);
  /** @type {Visitor[]} */
  let visitors = [];
  /** @type {import('../src/core/types.js').Decision[]} */
  let last = [];
  return {
    name: opts.arms ? 'Candor (+ control/explore 0.1)' : 'Candor',
    prepare: (v) => { visitors = v; },
    pageView: (i) => {
      const v = /** @type {Visitor} */ (visitors[i]);
      const signals = candorSignals(v);
      last = slots.map((slot) => core.decide({ config, slot, visitorId: v.id, signals, consent: CONSENT }));
      return last.map((d) => d.experience);
    },
    holdout: () => last[0]?.arm === 'holdout',
  };
}

/** @param {typeof import('@growthbook/growthbook')} gbModule @returns {Runner} */
function growthbookRunner(gbModule) {
  const features = gbFeatures();
  const gb = new gbModule.GrowthBook({ attributes: {}, features });
  const slots = WORKLOAD.map((w) => w.slot);
  /** @type {Visitor[]} */
  let visitors = [];
  let inHoldout = false;
  return {
    name: 'GrowthBook 1.8.0',
    prepare: (v) => { visitors = v; },
    pageView: (i) => {
      void gb.setAttributes(gbAttributes(/** @type {Visitor} */ (visitors[i])));
      inHoldout = gb.run(GB_HOLDOUT).value;
      return inHoldout ? slots.map(() => 'baseline') : slots.map((slot) => gb.getFeatureValue(slot, 'baseline'));
    },
    holdout: () => inHoldout,
  };
}

/** Checks a runner against the reference rules; returns the problems (empty when it agrees). @param {Runner} r */
function check(r) {
  const visitors = makeVisitors(5000, 7);
  r.prepare(visitors);
  const problems = [];
  let held = 0;
  let targeted = 0;
  for (let i = 0; i < visitors.length; i++) {
    const picks = r.pageView(i);
    const v = /** @type {Visitor} */ (visitors[i]);
    const inHoldout = r.holdout(i);
    if (inHoldout) held++;
    WORKLOAD.forEach((w, s) => {
      const want = inHoldout ? 'baseline' : referencePick(v, w);
      if (want !== 'baseline') targeted++;
      const got = picks[s];
      // With control/explore arms, a visitor outside the holdout may see baseline or another experience by design.
      if (got !== want && !(r.name.includes('explore') && !inHoldout)) problems.push(`${r.name}: visitor ${v.id} slot ${w.slot}: got ${String(got)}, reference says ${want}`);
    });
  }
  const share = held / visitors.length;
  if (Math.abs(share - HOLDOUT) > 0.015) problems.push(`${r.name}: holdout share ${share.toFixed(3)}, expected ${HOLDOUT} ± 0.015`);
  if (targeted < visitors.length) problems.push(`the workload targets too few visitors (${targeted} targeted picks): fix the bench`);
  return problems;
}

/** Candor with arms: its counterfactual must be the reference pick, and targeted-arm decisions must show it. */
async function checkCandorArms(/** @type {typeof import('../src/core/index.js')} */ core) {
  const { config } = core.validateConfig(candorConfig({ arms: true }));
  if (!config) return ['Candor config with arms is invalid'];
  const problems = [];
  for (const v of makeVisitors(2000, 11)) {
    const signals = candorSignals(v);
    for (const w of WORKLOAD) {
      const d = core.decide({ config, slot: w.slot, visitorId: v.id, signals, consent: CONSENT });
      const want = referencePick(v, w);
      if (d.counterfactual !== want || (d.arm === 'targeted' && d.experience !== want) || (d.arm === 'holdout' && d.experience !== 'baseline')) {
        problems.push(`Candor with arms: visitor ${v.id} slot ${w.slot}: ${d.arm} ${d.experience} (counterfactual ${d.counterfactual}), reference ${want}`);
      }
    }
  }
  return problems;
}

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

/** CPU time of this process so far, µs (user + system): robust to other processes on a busy machine. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * Median µs for one page view (20 decisions) of one visitor outside the holdout, wall clock and CPU time.
 * @param {Runner} r @param {number} visitorIndex
 */
function warm(r, visitorIndex) {
  const wall = [];
  const cpu = [];
  for (let s = 0; s < 200; s++) {
    const c0 = cpuNow();
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < 200; k++) r.pageView(visitorIndex);
    wall.push(Number(process.hrtime.bigint() - t0) / 1e3 / 200);
    cpu.push((cpuNow() - c0) / 200);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** Median visitors per second (wall clock, and per CPU second) over 100,000 visitors. @param {Runner} r @param {Visitor[]} visitors */
function throughput(r, visitors) {
  r.prepare(visitors);
  const wall = [];
  const cpu = [];
  for (let round = 0; round < 5; round++) {
    const c0 = cpuNow();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < visitors.length; i++) r.pageView(i);
    wall.push(visitors.length / (Number(process.hrtime.bigint() - t0) / 1e9));
    cpu.push(visitors.length / ((cpuNow() - c0) / 1e6));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** Child process: import, read the config, decide 20 slots for one visitor; prints `wallMs cpuMs`. @param {string} sdk */
async function coldChild(sdk) {
  const v = /** @type {Visitor} */ (makeVisitors(1, 3)[0]);
  const raw = sdk === 'candor' ? candorConfig({ arms: false }) : gbFeatures();
  const c0 = cpuNow();
  const t0 = performance.now();
  let picks;
  if (sdk === 'candor') {
    /** @type {typeof import('../src/core/index.js')} */
    const core = await import(pathToFileURL(corePath).href);
    const { config, errors } = core.validateConfig(raw);
    if (!config || errors.length) throw new Error(`the bench's Candor config is invalid: ${JSON.stringify(errors)}`);
    const signals = candorSignals(v);
    picks = WORKLOAD.map((w) => core.decide({ config, slot: w.slot, visitorId: v.id, signals, consent: CONSENT }).experience);
  } else {
    const { GrowthBook } = await import('@growthbook/growthbook');
    const gb = new GrowthBook({ attributes: gbAttributes(v), features: /** @type {import('@growthbook/growthbook').FeatureDefinitions} */ (raw) });
    const held = gb.run(GB_HOLDOUT).value;
    picks = WORKLOAD.map((w) => (held ? 'baseline' : gb.getFeatureValue(w.slot, 'baseline')));
  }
  const ms = performance.now() - t0;
  const cpuMs = (cpuNow() - c0) / 1e3;
  if (picks.length !== SLOTS) throw new Error('wrong number of decisions');
  console.log(`${String(ms)} ${String(cpuMs)}`);
}

/** Median ms (wall and CPU) of cold start + 20 decisions, 15 fresh processes per SDK, alternating. */
function cold() {
  /** @type {Record<string, { wall: number[], cpu: number[] }>} */
  const ms = { candor: { wall: [], cpu: [] }, growthbook: { wall: [], cpu: [] } };
  for (let i = 0; i < 15; i++) {
    for (const sdk of ['candor', 'growthbook']) {
      const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cold', sdk], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`cold ${sdk} child failed: ${out.stderr}`);
      const [wall, cpu] = out.stdout.trim().split(' ').map(Number);
      ms[sdk]?.wall.push(wall ?? NaN);
      ms[sdk]?.cpu.push(cpu ?? NaN);
    }
  }
  const m = (/** @type {string} */ sdk) => ({ wall: median(ms[sdk]?.wall ?? []), cpu: median(ms[sdk]?.cpu ?? []) });
  return { candor: m('candor'), growthbook: m('growthbook') };
}

/**
 * One result line: Candor (with control and explore at 0, as GrowthBook), Candor with its default arms, GrowthBook.
 * @typedef {{ measure: string, candor: number, candorArms: number | null, growthbook: number, unit: string, lowerIsBetter: boolean }} DecideRow
 */

/**
 * Runs the whole bench. Throws when an SDK disagrees with the reference rules.
 * @returns {Promise<{ loadAverage: number[], rows: DecideRow[] }>}
 */
export async function runDecideVsGrowthBook() {
  /** @type {typeof import('../src/core/index.js')} */
  const core = await import(pathToFileURL(corePath).href);
  const gbModule = await import('@growthbook/growthbook');
  const candor = candorRunner(core, { arms: false });
  const candorArms = candorRunner(core, { arms: true });
  const gb = growthbookRunner(gbModule);
  const problems = [...check(candor), ...check(gb), ...(await checkCandorArms(core))];
  if (problems.length) throw new Error(`an SDK disagrees with the workload's reference rules (${problems.length} problems):\n${problems.slice(0, 20).join('\n')}`);

  // One visitor outside both holdouts, with targeted picks, for the warm measure.
  const pool = makeVisitors(500, 5);
  for (const r of [candor, candorArms, gb]) r.prepare(pool);
  const idx = pool.findIndex((_, i) => {
    const picks = candor.pageView(i);
    const inC = candor.holdout(i);
    gb.pageView(i);
    return !inC && !gb.holdout(i) && picks.filter((p) => p !== 'baseline').length >= 3;
  });
  const warmC = warm(candor, idx);
  const warmA = warm(candorArms, idx);
  const warmG = warm(gb, idx);

  const visitors = makeVisitors(100_000, 9);
  const tpC = throughput(candor, visitors);
  const tpA = throughput(candorArms, visitors);
  const tpG = throughput(gb, visitors);

  const c = cold();
  return {
    loadAverage: loadavg(),
    rows: [
      { measure: 'cold start + first 20 decisions, fresh process (wall)', candor: c.candor.wall, candorArms: null, growthbook: c.growthbook.wall, unit: 'ms', lowerIsBetter: true },
      { measure: 'cold start + first 20 decisions, fresh process (CPU)', candor: c.candor.cpu, candorArms: null, growthbook: c.growthbook.cpu, unit: 'ms', lowerIsBetter: true },
      { measure: '20 decisions, one visitor, warm (wall)', candor: warmC.wall, candorArms: warmA.wall, growthbook: warmG.wall, unit: 'µs', lowerIsBetter: true },
      { measure: '20 decisions, one visitor, warm (CPU)', candor: warmC.cpu, candorArms: warmA.cpu, growthbook: warmG.cpu, unit: 'µs', lowerIsBetter: true },
      { measure: 'visitors per second, 100,000 visitors × 20 slots (wall)', candor: tpC.wall, candorArms: tpA.wall, growthbook: tpG.wall, unit: '/s', lowerIsBetter: false },
      { measure: 'visitors per CPU second, 100,000 visitors × 20 slots', candor: tpC.cpu, candorArms: tpA.cpu, growthbook: tpG.cpu, unit: '/s', lowerIsBetter: false },
    ],
  };
}

/** Formats a figure for the table. */
export const fmt = (/** @type {number} */ x, /** @type {string} */ unit) =>
  unit === '/s' ? Math.round(x).toLocaleString('en') : unit === 'ms' ? `${x.toFixed(2)} ms` : `${x.toFixed(2)} µs`;

const argv = process.argv;
if (argv[1] && fileURLToPath(import.meta.url) === argv[1]) {
  try {
    const coldAt = argv.indexOf('--cold');
    if (coldAt >= 0) {
      await coldChild(argv[coldAt + 1] ?? 'candor');
    } else {
      const result = await runDecideVsGrowthBook();
      if (argv.includes('--json')) {
        console.log(JSON.stringify(result));
      } else {
        console.log(`node ${process.version}; ${SLOTS} slots with 2–4 targeted variations, 10% holdout; both SDKs agree with the reference rules; load average ${result.loadAverage.map((x) => x.toFixed(1)).join(' ')}\n`);
        const lines = [['measure', 'Candor', 'Candor + arms', 'GrowthBook', 'Candor/GrowthBook']];
        for (const r of result.rows) {
          lines.push([r.measure, fmt(r.candor, r.unit), r.candorArms === null ? '' : fmt(r.candorArms, r.unit), fmt(r.growthbook, r.unit), `${(r.candor / r.growthbook).toFixed(2)}×`]);
        }
        const width = lines[0]?.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length))) ?? [];
        for (const l of lines) console.log(l.map((cell, i) => (i ? cell.padStart(width[i] ?? 0) : cell.padEnd(width[i] ?? 0))).join('  '));
      }
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}
