/**
 * The README's size figures stay true: every figure in the block between `<!-- sizes -->` and `<!-- /sizes -->`
 * must equal the measurement rounded to 0.1 KiB. `node bench/size.js --write-readme` rewrites the block.
 * Builds nothing: `npm test` builds first; without dist/ the measurement fails and says to run `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { README_END, README_START, SIZE_TARGETS, kib, measureSizes, parseReadmeSizes } from '../../bench/size.js';

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
  for (const row of await measureSizes()) {
    const w = written?.get(row.id);
    for (const key of ['min', 'gzip', 'brotli'] as const) {
      const actual = Number(kib(row[key]));
      if (w?.[key] !== actual) stale.push(`${row.id} ${key}: README says ${String(w?.[key])} KiB, measured ${actual.toFixed(1)} KiB`);
    }
  }
  expect(stale, 'README.md size figures are stale: run `node bench/size.js --write-readme`').toEqual([]);
});
