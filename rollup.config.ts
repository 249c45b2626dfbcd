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
    // Script tag: one self-contained classic script, global `candor`.
    input: 'src/loader.ts',
    plugins: [nodeResolve({ browser: true }), ts(), minify()],
    output: { file: 'dist/candor.min.js', format: 'iife', sourcemap: true },
  },
  {
    // The widget, fetched by the loader only when a visitor opens an explanation.
    input: 'src/widget/script-entry.ts',
    plugins: [ts(), minify()],
    output: { file: 'dist/candor-widget.min.js', format: 'iife', sourcemap: true },
  },
];

export default config;
