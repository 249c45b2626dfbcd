import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import type { Plugin, RollupOptions } from 'rollup';

/**
 * V8's explicit compile hint: with this comment as a file's first line, V8 compiles every function of the file while
 * it streams the file in (off the main thread), instead of compiling each one on the main thread at its first call.
 * For the two script-tag files, whose functions nearly all run on every page view.
 */
const EAGER_COMPILE = '//# allFunctionsCalledOnLoad';

/** Terser settings shared by every minified file: several passes, and `_`-prefixed in-memory internals mangled. */
const minify = (options: { eager?: boolean } = {}) =>
  terser({
    ecma: 2020,
    compress: { passes: 3, unsafe_arrows: true },
    mangle: { properties: { regex: /^_/ } },
    // The preamble is kept by terser as the first line, and the source map is shifted for it.
    format: { comments: false, ...(options.eager ? { preamble: EAGER_COMPILE } : {}) },
  });

/**
 * The script tag's config errors carry code and path only: src/core/config/verbose-errors.ts is loaded as
 * `VERBOSE = false`, and rollup drops every message and fix text it guards. Goes before ts(), whose `load` compiles.
 */
const leanConfigErrors = (): Plugin => ({
  name: 'candor-lean-config-errors',
  load: (id) => (id.replace(/\\/g, '/').endsWith('/src/core/config/verbose-errors.ts') ? 'export const VERBOSE = false;' : null),
});

/**
 * Modules both script-tag files need. The first pass (`candor.min.js`) ships them and hands them over in
 * `window.__candor.modules`; the runtime (`candor-runtime.min.js`) takes them from there instead of shipping them
 * twice. test/build/script-split.test.ts fails when a module ends up in both files.
 */
const SHARED_MODULES = [
  'src/core/types.ts',
  'src/core/conditions/is-record.ts',
  'src/core/conditions/condition-signals.ts',
  'src/core/signals/signal-tiers.ts',
  'src/core/consent/consent-state.ts',
  'src/core/decide/hash.ts',
  'src/core/decide/decide.ts',
  'src/storage/visitor-state.ts',
  'src/storage/snapshot-store.ts',
  'src/storage/cap-memory.ts',
  'src/dom/apply-experience.ts',
  'src/dom/find-slots.ts',
  'src/dom/safe-url.ts',
  'src/events/exposure-event.ts',
  'src/events/build-events.ts',
  'src/dom/closest-marked.ts',
  'src/events/event-id.ts',
  'src/storage/record-interest.ts',
  'src/util/report-error.ts',
  'src/instance/open-visit.ts',
  'src/instance/config-already-reported.ts',
  'src/script/guard.ts',
  'src/script/load-sibling-script.ts',
  'src/script/invalid-config-mark.ts',
].map((file) => resolve(file));

/**
 * Names the shared modules' exact contents: the first pass publishes it, and a runtime from another build (a stale
 * cache, a partial upgrade) sees the mismatch and stays out instead of calling functions that are not there.
 */
const SHARED_BUILD = createHash('sha256')
  .update(SHARED_MODULES.map((file) => readFileSync(file, 'utf8')).join('\0'))
  .digest('hex')
  .slice(0, 12);

/** First pass: its entry hands the shared modules over, as namespace objects, in `window.__candor.modules`. */
const handOverSharedModules = (): Plugin => ({
  name: 'candor-hand-over-shared-modules',
  transform(code, id) {
    if (id !== resolve('src/loader.ts')) return null;
    const imports = SHARED_MODULES.map((file, i) => `import * as shared${String(i)} from ${JSON.stringify(file)};`).join('\n');
    const list = SHARED_MODULES.map((_, i) => `shared${String(i)}`).join(', ');
    // Appended, so the entry's own source map stays right (imports are hoisted; the runtime runs after this line).
    return { code: `${code}\n${imports}\nObject.assign((self.__candor ??= {}), { modules: [${list}], build: '${SHARED_BUILD}' });\n`, map: null };
  },
});

/** Runtime: an import of a shared module reads the first pass's copy (rollup's synthetic named exports). */
const takeSharedModules = (): Plugin => ({
  name: 'candor-take-shared-modules',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const index = SHARED_MODULES.indexOf(resolve(dirname(importer), source).replace(/\.js$/, '.ts'));
    return index < 0 ? null : `\0candor-shared:${String(index)}`;
  },
  load(id) {
    if (!id.startsWith('\0candor-shared:')) return null;
    // Read after RUNTIME_GATE has checked that the first pass of this build is there.
    return { code: `export default self.__candor.modules[${id.slice(15)}];`, syntheticNamedExports: true };
  },

});

/**
 * The runtime's first statement, inside its IIFE and before any module code: without the first pass of the same build
 * there are no shared modules to call, so it stays out with one console error instead of throwing into the page.
 */
const RUNTIME_GATE = `if (self.__candor?.build !== '${SHARED_BUILD}') { try { console.error('candor: runtime-mismatch at candor-runtime.min.js (see docs/errors.md)'); } catch {} return; }`;

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
    // Script tag, first pass: a classic script that decides and applies slots synchronously in <head>.
    input: 'src/loader.ts',
    plugins: [leanConfigErrors(), ts(), handOverSharedModules(), minify({ eager: true })],
    // freeze: false: the namespace objects handed to the runtime need no Object.freeze (bytes in <head>).
    output: { file: 'dist/candor.min.js', format: 'iife', sourcemap: true, freeze: false },
  },
  {
    // Script tag, runtime: loaded by the first pass without blocking; validation, events, IndexedDB and window.candor.
    // Config errors give code and path only.
    input: 'src/script/runtime.ts',
    plugins: [takeSharedModules(), nodeResolve({ browser: true }), leanConfigErrors(), ts(), minify({ eager: true })],
    output: { file: 'dist/candor-runtime.min.js', format: 'iife', sourcemap: true, intro: RUNTIME_GATE },
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
