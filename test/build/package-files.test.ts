/**
 * What `npm pack` ships (package.json `files`): the built library, its types, the script-tag files, the schemas, the
 * docs and the LICENSE; never the demo bundles under dist/examples/, their maps, test output, or chunks an earlier
 * build left in dist/ (the build empties dist/ first). Runs `npm pack --dry-run --json`, which packs nothing to disk.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect, it } from 'vitest';

let packedFiles: string[] | undefined;
/** What `npm pack` would ship, listed once for the tests of this file. */
const packed = (): string[] => {
  if (!packedFiles) {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
    packedFiles = (pack?.files ?? []).map((f) => f.path);
  }
  return packedFiles;
};

it('npm pack ships what users need and nothing of the examples or the tests', () => {
  const files = packed();
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/core.js', 'dist/widget.js', 'dist/report.js', 'dist/collect.js', 'dist/cli.js', 'dist/candor.min.js', 'dist/candor-runtime.min.js', 'dist/candor-widget.min.js', 'dist/candor-explain.min.js', 'dist/candor-check.min.js', 'dist/events.schema.json', 'dist/config.schema.json', 'dist/types/index.d.ts', 'docs/events-table.md']) {
    expect(files, `the package must ship ${needed}`).toContain(needed);
  }
  const unwanted = files.filter((f) => /^(dist\/examples\/|examples\/|test\/|test-results\/|bench\/|src\/|\.candor-demo\/|node_modules\/)/.test(f));
  expect(unwanted, 'package.json "files" lets these into the package').toEqual([]);
});

it('every JavaScript file the package ships is reached from its entry points (no chunk left by an earlier build)', () => {
  const files = packed();
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, string | Record<string, string>>; bin: Record<string, string> };
  const entries = [...Object.values(pkg.exports).map((e) => (typeof e === 'string' ? e : (e.default ?? ''))), ...Object.values(pkg.bin)]
    .filter((e) => e.endsWith('.js'))
    .map((e) => normalize(e));
  const reached = new Set<string>();
  const visit = (file: string): void => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) visit(join(dirname(file), m[1] ?? ''));
  };
  for (const entry of entries) visit(entry);
  const stray = files.filter((f) => f.startsWith('dist/') && f.endsWith('.js') && !reached.has(f));
  expect(stray, 'shipped but imported by no entry point: a stale build? `npm run build` empties dist/ first').toEqual([]);
});

it('every source map the package ships carries the text of its sources (src/ is not in the package)', () => {
  const files = packed();
  const maps = files.filter((f) => f.endsWith('.js.map'));
  expect(maps).toContain('dist/candor.min.js.map');
  const missing: string[] = [];
  for (const map of maps) {
    const { sources, sourcesContent = [] } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
    sources.forEach((source, i) => {
      if (typeof sourcesContent[i] !== 'string' && !files.includes(normalize(join(dirname(map), source)))) missing.push(`${map}: ${source}`);
    });
  }
  // Without the text, browser devtools show an empty file and bundlers' source-map loaders warn for each source.
  expect(missing, 'sources a debugger cannot show: set inlineSources in rollup.config.ts').toEqual([]);
});
