/**
 * Size budgets: this test fails when a shipped file grows past its budget (brotli, quality 11, KiB = 1024 bytes).
 * The README's size figures stay true: every figure in the block between `<!-- sizes -->` and `<!-- /sizes -->`
 * must equal the measurement rounded to 0.1 KiB; `node bench/size.js --write-readme` rewrites the block.
 * Both read one measurement (bundling the npm entries in memory takes seconds).
 * It builds nothing: `npm test` builds before vitest runs; without dist/ it fails and says to run `npm run build`.
 * `node bench/size.js` prints the same measurements next to GrowthBook.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { README_END, README_START, SIZE_TARGETS, kib, measureSizes, parseReadmeSizes, type SizeRow } from '../../bench/size.js';

/** Every target of bench/size.js, measured once for this file. */
let rows: Promise<SizeRow[]> | undefined;
const measured = (): Promise<SizeRow[]> => (rows ??= measureSizes());

/**
 * Brotli budgets in KiB, by the ids of bench/size.js. Issue 8's targets: script tag ≤ 5, widget ≤ 4, candor/core ≤ 2.5;
 * issue 2's: `decide` with its imports < 2. Where Candor measured lower, the budget sits just above the measurement
 * (the next 0.1 KiB), so any growth is a decision someone makes on purpose. Measured on 2026-11-24;
 * `node bench/size.js --budgets` prints these entries from the current build.
 */
export const BUDGETS: Readonly<Record<string, number>> = {
  // The script tag's first pass, the only Candor code in <head>; over the 5 KiB target (measured 11.73 KiB: 10.96
  // before issue 12's visitor-level decision model, 11.49 after it, +0.24 for issue 13's Trusted Types policy, streaming
  // cap, runtime after first paint and compile hint): the decision itself (holdout, control, explore, targeting,
  // propensities), the condition evaluator, 14 signal readers, sticky storage and slot application. See the README's Limitations.
  // Issue 13 phase 2: 11.27 KiB, with the hand-over boundary derived from the module graph (only the exports the runtime
  // imports, by name) and the runtime-only functions (trustEvent, recordInterest, markConfigInvalid) in runtime-only files.
  // Issue 16's one owner of a page view (src/visit): 11.46 KiB (+0.12, the exposure record the first pass's beacon reads).
  'candor-script': 11.5,
  // The runtime it loads after first paint (validation, events, IndexedDB, the API); no issue target
  // (measured 11.24 KiB: it now ships the runtime-only functions the first pass used to carry for it).
  // Issue 16's src/visit: 11.40 KiB (+0.09, the functions the runtime continues the page view through); then issue 13
  // (no page history, the validated-config note) and issue 16's split of startCandor into files: 11.50 KiB.
  // Issue 13: the explanation code moved to its own file, loaded only when a visitor asks why: 9.75 KiB (-1.77); then
  // the validator to its own file, fetched only for a config neither stamped nor validated before: 6.11 KiB.
  // 2026-12-02: measured 6.20 KiB, over 6.2 by a few bytes (a #fragment-only move not counted as a page view).
  'candor-runtime': 6.3,
  // Both script-tag files, each compressed on its own; issue 13's target is GrowthBook's single file, 15.8 KiB
  // (measured 22.51 KiB).
  // Issue 16's src/visit and issue 13's validated-config note: 22.91 KiB.
  // Issue 13's explanation file (not part of a page view that asks nothing): 21.22 KiB; its validator file: 17.56 KiB.
  // 2026-12-02: a late slot's explanation (reason late-slot) and a #fragment-only move not counted as a page view: 17.64 KiB.
  'candor-script-total': 17.7,
  // The same with the validator: what the first page view of an unstamped config downloads (measured 21.90 KiB).
  // Issue 16's split of validation (candor-check 4.34 -> 4.53 KiB): 22.08 KiB.
  // 2026-12-02: a late slot's explanation (reason late-slot) and a #fragment-only move not counted as a page view: 22.17 KiB.
  'candor-script-unstamped': 22.2,
  // The validator (candor/core's validateConfig, codes and paths only), with its own copy of the few helpers it shares
  // with the first pass (measured 4.34 KiB).
  // Issue 16's validation split into readers and sections (validate-audiences, -slots, -experience, …), whose calls pass
  // the params of the error table (dropped here, but the split costs bytes of its own): 4.53 KiB.
  'candor-check': 4.6,
  // no issue target: just above the measurement (measured 20.80 KiB, with the record-page-view guard for an empty referrer)
  // Issue 16's src/visit, then issue 13's queue note (read only when an add noted it): 21.14 KiB.
  // Issue 13: + candor.loadExplanations() (the explanation source is passed in, so the script tag can leave it out): 21.22 KiB.
  // Issue 16's error table (every message and fix in src/core/errors/error-messages.ts, keyed by code, with params,
  // filled by one formatter; validate-config split into section files): 22.42 KiB. The script-tag files did not grow.
  // 2026-12-02: a late slot's explanation (reason late-slot) and a #fragment-only move not counted as a page view: 22.61 KiB.
  'candor-npm': 22.7,
  // over the 2.5 KiB target (measured 14.13 KiB): candor/core carries the full validator with its messages
  // Issue 16's error table (see candor-npm): 15.39 KiB.
  // 2026-12-02: a late slot's explanation (reason late-slot) and a #fragment-only move not counted as a page view: 15.50 KiB.
  'candor-core': 15.6,
  // over the 2 KiB target (issue 2; measured 3.97 KiB): the condition evaluator and the signal tiers come with it
  // Issue 13: 3.41 KiB, once the signal catalog was marked pure (unused, it is no longer bundled).
  'candor-decide': 3.5,
  // under the 4 KiB target: just above the measurement (measured 2.61 KiB)
  'candor-widget': 2.7,
  // The explanation code (candor/core's explain and its English sentences), fetched with the widget or by
  // candor.loadExplanations(); no issue target (measured 2.88 KiB).
  // 2026-12-02: a late slot's explanation (reason late-slot) and a #fragment-only move not counted as a page view: 2.93 KiB (its two sentences).
  'candor-explain': 3,
};

describe('size budgets (brotli)', () => {
  for (const [id, budget] of Object.entries(BUDGETS)) {
    it(`${id} stays within ${budget} KiB`, { timeout: 180_000 }, async () => {
      const row = (await measured()).find((r) => r.id === id);
      expect(row, `bench/size.js has no target "${id}"`).toBeDefined();
      const kib = (row?.brotli ?? Infinity) / 1024;
      expect(
        kib,
        `${row?.label ?? id} is ${kib.toFixed(2)} KiB brotli, over its ${budget} KiB budget. Make it smaller, or raise BUDGETS in test/build/size.test.ts on purpose and say why.`,
      ).toBeLessThanOrEqual(budget);
    });
  }
});

it('README.md states the sizes that bench/size.js measures, to 0.1 KiB', { timeout: 300_000 }, async () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const written = parseReadmeSizes(readme);
  expect(
    written,
    `README.md has no size block: add a "## Size" section with the lines ${README_START} and ${README_END}, then run \`node bench/size.js --write-readme\`.`,
  ).not.toBeNull();
  expect([...(written?.keys() ?? [])].sort(), 'the README size table lists every file bench/size.js measures').toEqual(
    SIZE_TARGETS.map((t) => t.id).sort(),
  );
  const stale: string[] = [];
  for (const row of await measured()) {
    const w = written?.get(row.id);
    for (const key of ['min', 'gzip', 'brotli'] as const) {
      const actual = Number(kib(row[key]));
      if (w?.[key] !== actual) stale.push(`${row.id} ${key}: README says ${String(w?.[key])} KiB, measured ${actual.toFixed(1)} KiB`);
    }
  }
  expect(stale, 'README.md size figures are stale: run `node bench/size.js --write-readme`').toEqual([]);
});

describe('DuckDB and the SQL aggregation stay out of what a browser loads', () => {
  /** Markers of the report's SQL path: the optional package's name and text only the SQL modules contain. */
  const MARKERS = ['@duckdb/node-api', 'read_json_objects', 'ROW_NUMBER() OVER'];
  /** A dist file and every file it imports statically (what a bundler pulls in for `import … from 'candor'`). */
  const closure = (entry: string): string[] => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]/g)) visit(resolve(dirname(file), m[1] ?? ''));
    };
    visit(entry);
    return [...seen];
  };

  it('the script tag, its runtime, the widget, the explanation code and the npm imports (candor, candor/core, candor/widget) contain none of it', () => {
    const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
    const files = [
      ...['candor.min.js', 'candor-runtime.min.js', 'candor-widget.min.js', 'candor-explain.min.js', 'candor-check.min.js'].map((f) => join(dist, f)),
      ...['index.js', 'core.js', 'widget.js'].flatMap((f) => closure(join(dist, f))),
    ];
    expect(files.length).toBeGreaterThan(6);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      for (const marker of MARKERS) expect(code.includes(marker), `${file} contains "${marker}"`).toBe(false);
    }
    // …while candor/report does reach it (so the markers are the right ones).
    const report = closure(join(dist, 'report.js')).map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const marker of MARKERS) expect(report.includes(marker), `dist/report.js does not reach "${marker}"`).toBe(true);
  });
});
