/**
 * What `npm pack` ships (package.json `files`): the built library, its types, the script-tag files, the schemas, the
 * docs and the LICENSE; never the demo bundles under dist/examples/, their maps, or test output. Runs
 * `npm pack --dry-run --json`, which packs nothing to disk.
 */
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('npm pack ships what users need and nothing of the examples or the tests', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  const files = (pack?.files ?? []).map((f) => f.path);
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/core.js', 'dist/widget.js', 'dist/report.js', 'dist/collect.js', 'dist/cli.js', 'dist/candor.min.js', 'dist/candor-runtime.min.js', 'dist/candor-widget.min.js', 'dist/events.schema.json', 'dist/config.schema.json', 'dist/types/index.d.ts', 'docs/events-table.md']) {
    expect(files, `the package must ship ${needed}`).toContain(needed);
  }
  const unwanted = files.filter((f) => /^(dist\/examples\/|examples\/|test\/|test-results\/|bench\/|src\/|\.candor-demo\/|node_modules\/)/.test(f));
  expect(unwanted, 'package.json "files" lets these into the package').toEqual([]);
});
