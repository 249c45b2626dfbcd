// @ts-check
/**
 * Sizes of what a site ships, Candor next to GrowthBook (not a test: it prints figures; test/build/size.test.ts holds the budgets).
 *
 *   npm run size                      # builds, then prints the table
 *   node bench/size.js                # prints the table from the current dist/
 *   node bench/size.js --json         # the measurements as JSON (used by bench/run.js)
 *   node bench/size.js --write-readme # rewrites the block between <!-- sizes --> and <!-- /sizes --> in README.md
 *   node bench/size.js --budgets      # suggests the BUDGETS entries of test/build/size.test.ts from this measurement
 *
 * Every file is measured minified (as shipped, without its `//# sourceMappingURL` line), then gzip (level 9) and
 * brotli (quality 11) with node:zlib. npm imports are bundled in memory with rollup + @rollup/plugin-node-resolve
 * (browser field, dependencies such as idb-keyval included) and minified with @rollup/plugin-terser using the settings
 * of rollup.config.ts, from an entry that re-exports only what an app imports, so tree-shaking drops the rest.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';

/** The repository root, with a trailing slash. */
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * One measured file.
 * @typedef {object} SizeRow
 * @property {string} id stable key (`candor-script`, `gb-npm`, …), used by the budgets and the README block
 * @property {string} label what it is, for people
 * @property {'candor' | 'growthbook'} sdk
 * @property {string | null} pair the id of the GrowthBook row this Candor row is compared with
 * @property {number} min minified bytes
 * @property {number} gzip gzip bytes (level 9)
 * @property {number} brotli brotli bytes (quality 11)
 */

/**
 * What is measured. `file`: a shipped file read as is. `files`: shipped files downloaded together, each compressed on its
 * own (as they travel) and the sizes added. `entry`: an ES module source bundled and minified in memory.
 * @typedef {{ id: string, label: string, sdk: 'candor' | 'growthbook', pair: string | null } & ({ file: string } | { files: string[] } | { entry: string })} SizeTarget
 */

const dist = (/** @type {string} */ p) => `${root}dist/${p}`;
const gbDir = `${root}node_modules/@growthbook/growthbook/`;

/** @type {SizeTarget[]} */
export const SIZE_TARGETS = [
  {
    id: 'candor-script',
    label: 'Script tag, first pass (runs in <head>): dist/candor.min.js',
    sdk: 'candor',
    pair: 'gb-script',
    file: dist('candor.min.js'),
  },
  {
    id: 'candor-runtime',
    label: 'Script tag, runtime (loaded after, async): dist/candor-runtime.min.js',
    sdk: 'candor',
    pair: null,
    file: dist('candor-runtime.min.js'),
  },
  {
    id: 'candor-script-total',
    label: 'Script tag, first pass + runtime (every page view with a stamped or already validated config)',
    sdk: 'candor',
    pair: 'gb-script',
    files: [dist('candor.min.js'), dist('candor-runtime.min.js')],
  },
  {
    id: 'candor-script-unstamped',
    label: '+ the validator (the first page view of a config not stamped by `candor check --stamp`)',
    sdk: 'candor',
    pair: 'gb-script',
    files: [dist('candor.min.js'), dist('candor-runtime.min.js'), dist('candor-check.min.js')],
  },
  {
    id: 'candor-npm',
    label: 'npm: import { createCandor } from "candor"',
    sdk: 'candor',
    pair: 'gb-npm',
    entry: `export { createCandor } from ${JSON.stringify(dist('index.js'))};`,
  },
  { id: 'candor-core', label: 'candor/core, whole', sdk: 'candor', pair: null, entry: `export * from ${JSON.stringify(dist('core.js'))};` },
  {
    id: 'candor-decide',
    label: 'decide, with what it imports',
    sdk: 'candor',
    pair: null,
    entry: `export { decide } from ${JSON.stringify(dist('core.js'))};`,
  },
  { id: 'candor-widget', label: 'Widget: dist/candor-widget.min.js', sdk: 'candor', pair: null, file: dist('candor-widget.min.js') },
  {
    id: 'candor-check',
    label: 'Validator: dist/candor-check.min.js (only for a config not validated before)',
    sdk: 'candor',
    pair: null,
    file: dist('candor-check.min.js'),
  },
  {
    id: 'candor-explain',
    label: 'Explanations: dist/candor-explain.min.js (with the widget, or for loadExplanations)',
    sdk: 'candor',
    pair: null,
    file: dist('candor-explain.min.js'),
  },
  {
    id: 'gb-script',
    label: 'GrowthBook 1.8.0 script tag: dist/bundles/auto.min.js',
    sdk: 'growthbook',
    pair: null,
    file: `${gbDir}dist/bundles/auto.min.js`,
  },
  {
    id: 'gb-npm',
    label: 'GrowthBook 1.8.0 npm: import { GrowthBook }',
    sdk: 'growthbook',
    pair: null,
    entry: `export { GrowthBook } from '@growthbook/growthbook';`,
  },
];

/** What a missing build looks like to the person running the bench or the test. */
export const MISSING_DIST =
  'dist/ is missing or incomplete: run `npm run build` first (`npm test`, `npm run size` and `npm run bench` build before measuring).';

/**
 * Bundles and minifies an ES module source in memory, with the terser settings of rollup.config.ts.
 * @param {string} source
 * @returns {Promise<string>}
 */
async function bundleMinified(source) {
  const bundle = await rollup({
    input: '\0size-entry',
    onwarn: () => undefined,
    plugins: [
      {
        name: 'size-entry',
        resolveId: (id) => (id === '\0size-entry' ? id : null),
        load: (id) => (id === '\0size-entry' ? source : null),
      },
      nodeResolve({ browser: true }),
      terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true }, mangle: { properties: { regex: /^_/ } }, format: { comments: false } }),
    ],
  });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    return output.map((o) => (o.type === 'chunk' ? o.code : '')).join('');
  } finally {
    await bundle.close();
  }
}

/**
 * Minified, gzip and brotli byte counts of a code string.
 * @param {string} code
 */
export function compressedSizes(code) {
  const buf = Buffer.from(code);
  return {
    min: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  };
}

/**
 * Measures the targets (all of them, or those whose id is in `ids`). Throws {@link MISSING_DIST} when the build is missing.
 * @param {{ ids?: readonly string[] }} [options]
 * @returns {Promise<SizeRow[]>}
 */
export async function measureSizes(options = {}) {
  for (const f of ['candor.min.js', 'candor-runtime.min.js', 'candor-widget.min.js', 'candor-explain.min.js', 'candor-check.min.js', 'index.js', 'core.js']) {
    if (!existsSync(dist(f))) throw new Error(`${MISSING_DIST} (no dist/${f})`);
  }
  const targets = SIZE_TARGETS.filter((t) => !options.ids || options.ids.includes(t.id));
  /** @type {SizeRow[]} */
  const rows = [];
  const shipped = (/** @type {string} */ file) => readFileSync(file, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '');
  for (const t of targets) {
    const parts = 'files' in t ? t.files.map(shipped) : ['file' in t ? shipped(t.file) : await bundleMinified(t.entry)];
    const sizes = parts.map(compressedSizes).reduce((a, b) => ({ min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
    rows.push({ id: t.id, label: t.label, sdk: t.sdk, pair: t.pair, ...sizes });
  }
  return rows;
}

/** The issues' brotli targets in KiB (issue 8: script tag, widget, core; issue 2: `decide` with its imports). */
export const ISSUE_TARGETS = /** @type {Readonly<Record<string, number>>} */ ({ 'candor-script': 5, 'candor-widget': 4, 'candor-core': 2.5, 'candor-decide': 2 });

/**
 * Budgets from a measurement: each Candor file's brotli size rounded up to the next 0.1 KiB, so any growth fails the
 * test (issue 8: "set each just above what you measure if you come in lower"; above an issue's target, the figure is
 * reported rather than the suite left failing).
 * @param {SizeRow[]} rows
 * @returns {Record<string, number>}
 */
export function suggestBudgets(rows) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const r of rows.filter((x) => x.sdk === 'candor')) {
    out[r.id] = Math.ceil(Math.round((r.brotli / 1024) * 1e4) / 1e3) / 10;
  }
  return out;
}

/** Bytes as KiB with `digits` decimals. */
export const kib = (/** @type {number} */ bytes, digits = 1) => (bytes / 1024).toFixed(digits);

/**
 * The plain-text table: one line per file, with Candor/GrowthBook ratios where a row has a GrowthBook pair.
 * @param {SizeRow[]} rows
 */
export function formatSizeTable(rows) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  /** @type {string[][]} */
  const lines = [['file', 'min KiB', 'gzip KiB', 'brotli KiB', 'brotli ratio to GrowthBook']];
  for (const r of rows) {
    const gb = r.pair ? byId.get(r.pair) : undefined;
    lines.push([r.label, kib(r.min, 2), kib(r.gzip, 2), kib(r.brotli, 2), gb ? `${(r.brotli / gb.brotli).toFixed(2)}×` : '']);
  }
  const width = lines[0]?.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length))) ?? [];
  return lines.map((l) => l.map((cell, c) => (c === 0 ? cell.padEnd(width[c] ?? 0) : cell.padStart(width[c] ?? 0))).join('  ')).join('\n');
}

/** The README markers around the generated size table. */
export const README_START = '<!-- sizes -->';
export const README_END = '<!-- /sizes -->';

/**
 * The README block (markers included): a Markdown table with each file's id in backticks, sizes in KiB rounded to 0.1.
 * test/build/size.test.ts reads it back with {@link parseReadmeSizes}.
 * @param {SizeRow[]} rows
 */
export function readmeSizeBlock(rows) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = [
    README_START,
    '| What | id | min | gzip | brotli | brotli vs GrowthBook |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const gb = r.pair ? byId.get(r.pair) : undefined;
    const ratio = gb ? `${(r.brotli / gb.brotli).toFixed(2)}×` : '';
    out.push(`| ${r.label.replace(/\|/g, '\\|')} | \`${r.id}\` | ${kib(r.min)} KiB | ${kib(r.gzip)} KiB | ${kib(r.brotli)} KiB | ${ratio} |`);
  }
  out.push('', 'Generated by `node bench/size.js --write-readme`; test/build/size.test.ts keeps these figures true.', README_END);
  return out.join('\n');
}

/**
 * Where the size block is: each marker must stand on a line of its own, so a mention of a marker in prose or in a code
 * comment is never taken for the block (-1 when absent).
 * @param {string} readme
 */
function blockRange(readme) {
  const at = (/** @type {string} */ marker) => {
    const m = new RegExp(`^${marker}$`, 'm').exec(readme);
    return m ? m.index : -1;
  };
  return { start: at(README_START), end: at(README_END) };
}

/**
 * Reads the sizes back from a README: id → { min, gzip, brotli } in KiB as written. Null when the markers are missing.
 * @param {string} readme
 * @returns {Map<string, { min: number, gzip: number, brotli: number }> | null}
 */
export function parseReadmeSizes(readme) {
  const { start, end } = blockRange(readme);
  if (start < 0 || end < start) return null;
  /** @type {Map<string, { min: number, gzip: number, brotli: number }>} */
  const sizes = new Map();
  for (const line of readme.slice(start, end).split('\n')) {
    const m = /\|\s*`([\w-]+)`\s*\|\s*([\d.]+) KiB\s*\|\s*([\d.]+) KiB\s*\|\s*([\d.]+) KiB\s*\|/.exec(line);
    if (m) sizes.set(m[1] ?? '', { min: Number(m[2]), gzip: Number(m[3]), brotli: Number(m[4]) });
  }
  return sizes;
}

/**
 * Replaces the block between the markers in README.md; appends it under "## Size" when the README has none.
 * @param {SizeRow[]} rows
 * @param {string} [readmePath]
 */
export function writeReadmeSizes(rows, readmePath = `${root}README.md`) {
  const readme = readFileSync(readmePath, 'utf8');
  const block = readmeSizeBlock(rows);
  const { start, end } = blockRange(readme);
  const next =
    start >= 0 && end > start
      ? readme.slice(0, start) + block + readme.slice(end + README_END.length)
      : `${readme.trimEnd()}\n\n## Size\n\n${block}\n`;
  writeFileSync(readmePath, next);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const rows = await measureSizes();
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(rows));
    } else {
      console.log('Sizes (minified, gzip -9, brotli q11; KiB = 1024 bytes)\n');
      console.log(formatSizeTable(rows));
    }
    if (process.argv.includes('--budgets')) {
      const budgets = suggestBudgets(rows);
      console.log('\nSuggested BUDGETS (test/build/size.test.ts):');
      for (const r of rows.filter((x) => x.sdk === 'candor')) {
        const target = ISSUE_TARGETS[r.id];
        const note = target === undefined ? 'no issue target' : (budgets[r.id] ?? 0) > target ? `over the issue's ${target} KiB target` : `issue target ${target} KiB`;
        console.log(`  '${r.id}': ${String(budgets[r.id])}, // measured ${kib(r.brotli, 2)} KiB; ${note}`);
      }
    }
    if (process.argv.includes('--write-readme')) {
      writeReadmeSizes(rows);
      console.error('README.md: size block updated.');
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}
