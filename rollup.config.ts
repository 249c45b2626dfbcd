import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import type { Plugin, RollupOptions } from 'rollup';

/** Terser settings shared by every minified file: several passes, and `_`-prefixed in-memory internals mangled. */
const minify = () =>
  terser({
    ecma: 2020,
    compress: { passes: 3, unsafe_arrows: true },
    mangle: { properties: { regex: /^_/ } },
    format: { comments: false },
  });

/**
 * The script tag's config errors carry code and path only: src/core/config/verbose-errors.ts is loaded as
 * `VERBOSE = false`, and rollup drops every message and fix text it guards. Goes before ts(), whose `load` compiles.
 */
const leanConfigErrors = (): Plugin => ({
  name: 'candor-lean-config-errors',
  load: (id) => (id.replace(/\\/g, '/').endsWith('/src/core/config/verbose-errors.ts') ? 'export const VERBOSE = false;' : null),
});

const ts = () => typescript({ tsconfig: './tsconfig.json', sourceMap: true, outputToFilesystem: false });

/** Ships the events JSON Schema next to the code, so collectors can validate against it. */
const eventsSchema = (): Plugin => ({
  name: 'candor-events-schema',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'events.schema.json', source: readFileSync('src/events/events.schema.json', 'utf8') });
  },
});

const config: RollupOptions[] = [
  {
    // npm: one multi-input ESM build; idb-keyval stays a dependency the app's bundler dedupes.
    input: {
      index: 'src/index.ts',
      core: 'src/core/index.ts',
      widget: 'src/widget/index.ts',
      report: 'src/report/index.ts',
      collect: 'src/collect/create-collector.ts',
      cli: 'src/cli/main.ts',
    },
    external: (id) => id === 'idb-keyval' || id.startsWith('node:'),
    plugins: [ts(), eventsSchema()],
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      chunkFileNames: 'chunks/[name]-[hash].js',
      banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
    },
  },
  {
    // Script tag: one self-contained classic script, global `candor`; config errors give code and path only.
    input: 'src/loader.ts',
    plugins: [nodeResolve({ browser: true }), leanConfigErrors(), ts(), minify()],
    output: { file: 'dist/candor.min.js', format: 'iife', sourcemap: true },
  },
  {
    // The widget, fetched by the loader only when a visitor opens an explanation.
    input: 'src/widget/script-entry.ts',
    plugins: [ts(), minify()],
    output: { file: 'dist/candor-widget.min.js', format: 'iife', sourcemap: true },
  },
  {
    // examples/spa: the npm module in a small single-page app (served by `npm run demo`).
    input: 'examples/spa/app.ts',
    plugins: [
      nodeResolve({ browser: true }),
      typescript({ tsconfig: './examples/spa/tsconfig.json', sourceMap: true, outputToFilesystem: false }),
    ],
    output: { file: 'dist/examples/spa.js', format: 'iife', sourcemap: true },
  },
];

export default config;
