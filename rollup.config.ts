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
 * The script tag's errors carry code and path only: the error tables' lookups (src/core/errors/error-text.ts for
 * validation, src/util/report-text.ts for the console) are loaded as ones that find nothing
 * (src/core/errors/error-text-lean.ts for validation), so the tables (src/core/errors/error-messages.ts,
 * src/util/runtime-messages.ts), their text and the helpers they import do not ship, and terser folds away the code
 * that would use a text. Goes before ts(), whose `load` compiles.
 */
const leanConfigErrors = (): Plugin => ({
  name: 'candor-lean-config-errors',
  load: (id) => LEAN_TABLES.get(resolve(id)) ?? null,
});
/** The error tables' lookups, which the script tag's files load as ones that find nothing (so without their imports). */
const LEAN_TABLES = new Map([
  [resolve('src/core/errors/error-text.ts'), readFileSync('src/core/errors/error-text-lean.ts', 'utf8')],
  [resolve('src/util/report-text.ts'), 'export const reportText = () => undefined;'],
]);

const FIRST_PASS_ENTRY = resolve('src/script/loader.ts');
const RUNTIME_ENTRY = resolve('src/script/runtime.ts');

/**
 * The value imports of a source file, as `[resolved .ts file, imported names]` (names empty for a side-effect import).
 * Type-only imports are skipped, as TypeScript erases them; `import { type A }` stays as a side-effect import
 * (verbatimModuleSyntax), as it does for rollup. Package imports are left out: the boundary is drawn between our files.
 */
const valueImports = (file: string): [string, string[]][] => {
  if (LEAN_TABLES.has(file)) return [];
  const text = readFileSync(file, 'utf8');
  const found: [string, string[]][] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?([^;]*?)\s*from\s*'(\.[^']+)'|^import\s+'(\.[^']+)'/gm)) {
    const source = m[4] ?? m[5] ?? '';
    const target = resolve(dirname(file), source).replace(/\.js$/, '.ts');
    if (m[2]) continue;
    if (m[5] !== undefined) {
      found.push([target, []]);
      continue;
    }
    const clause = m[3] ?? '';
    if (m[1] === 'import' && !clause.startsWith('{')) throw new Error(`${file}: only named imports cross the script boundary (${clause})`);
    const names = (/\{([\s\S]*)\}/.exec(clause)?.[1] ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith('type '))
      .map((n) => n.split(/\s+as\s+/)[0] ?? n);
    if (clause.startsWith('*')) throw new Error(`${file}: \`export * from\` cannot cross the script boundary; name the exports`);
    // A re-export (`export { a } from`) needs the same names as an import of them.
    found.push([target, names]);
  }
  return found;
};

/** Every source file an entry reaches through value imports (the first pass's module graph, as rollup builds it). */
const moduleGraph = (entry: string, seen = new Set<string>()): Set<string> => {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const [target] of valueImports(entry)) moduleGraph(target, seen);
  return seen;
};

/**
 * The boundary between the two script-tag files, derived from the sources at build time. The first pass
 * (`candor.min.js`) ships every module of its graph; the runtime (`candor-runtime.min.js`) takes any of those it
 * imports from the first pass instead of shipping it twice. `names` is what the runtime imports from them: the first
 * pass hands over exactly those exports, by name, in `window.__candor.shared`. test/build/script-split.test.ts fails
 * when a module ends up in both files.
 */
const scriptBoundary = () => {
  const firstPass = moduleGraph(FIRST_PASS_ENTRY);
  // The (lean) error lookups: a file that imports one has its own copy; they are never handed over.
  const inlined = new Set(LEAN_TABLES.keys());
  const handed = new Map<string, string>();
  const walk = (file: string, seen: Set<string>): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [target, names] of valueImports(file)) {
      if (!firstPass.has(target) || inlined.has(target)) {
        walk(target, seen);
        continue;
      }
      for (const name of names) {
        const owner = handed.get(name);
        // A re-export (build-events re-exports exposureEvent) is the same binding under the same name.
        if (owner && owner !== target && !valueImports(owner).some(([t]) => t === target) && !valueImports(target).some(([t]) => t === owner)) {
          throw new Error(`script boundary: "${name}" is exported by both ${owner} and ${target}; rename one.`);
        }
        if (!owner) handed.set(name, target);
      }
    }
  };
  walk(RUNTIME_ENTRY, new Set());
  return { firstPass, handed, shared: (file: string) => firstPass.has(file) && !inlined.has(file) };
};
const BOUNDARY = scriptBoundary();

/** Stands for the first pass's build name until its output exists: as long as the name, so the source map stays right. */
const BUILD_PLACEHOLDER = 'candor-build';
/** Names the built first pass (a hash of its output), set when it is written; the runtime's gate is built after it. */
let firstPassBuild: string | undefined;

/**
 * First pass: its entry hands the exports the runtime needs over by name in `window.__candor.shared`, and publishes the
 * hash of its own built output, so a runtime from another build (a stale cache, a partial upgrade) sees the mismatch
 * and stays out instead of calling functions that are not there. Checks that the derived module graph is rollup's.
 */
const handOverSharedModules = (): Plugin => ({
  name: 'candor-hand-over-shared-modules',
  transform(code, id) {
    if (id !== FIRST_PASS_ENTRY) return null;
    const entries = [...BOUNDARY.handed];
    const imports = entries.map(([name, file], i) => `import { ${name} as shared${String(i)} } from ${JSON.stringify(file)};`).join('\n');
    const list = entries.map(([name], i) => `${name}: shared${String(i)}`).join(', ');
    // Appended, so the entry's own source map stays right (imports are hoisted; the runtime runs after this line).
    return { code: `${code}\n${imports}\nObject.assign((self.__candor ??= {}), { shared: { ${list} }, build: '${BUILD_PLACEHOLDER}' });\n`, map: null };
  },
  buildEnd() {
    const rollupGraph = new Set([...this.getModuleIds()].filter((id) => id.startsWith(resolve('src'))));
    const derived = [...BOUNDARY.firstPass].filter((file) => !rollupGraph.has(file));
    const missed = [...rollupGraph].filter((file) => !BOUNDARY.firstPass.has(file));
    if (derived.length > 0 || missed.length > 0) {
      this.error(`script boundary: the derived first-pass graph differs from rollup's (only derived: ${derived.join(', ')}; only rollup: ${missed.join(', ')})`);
    }
  },
  renderChunk(code) {
    const build = createHash('sha256').update(code).digest('hex').slice(0, BUILD_PLACEHOLDER.length);
    if (!code.includes(`"${BUILD_PLACEHOLDER}"`)) this.error('script boundary: the build name placeholder is missing from the first pass');
    firstPassBuild = build;
    return { code: code.replace(`"${BUILD_PLACEHOLDER}"`, `"${build}"`), map: null };
  },
});

/** Runtime: an import from a first-pass module reads the first pass's handed-over export (rollup's synthetic named exports). */
const takeSharedModules = (): Plugin => ({
  name: 'candor-take-shared-modules',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    return BOUNDARY.shared(resolve(dirname(importer), source).replace(/\.js$/, '.ts')) ? '\0candor-shared' : null;
  },
  load(id) {
    if (id !== '\0candor-shared') return null;
    // Read after RUNTIME_GATE has checked that the first pass of this build is there.
    return { code: 'export default self.__candor.shared;', syntheticNamedExports: true };
  },
});

/**
 * The runtime's first statement, inside its IIFE and before any module code: without the first pass of the same build
 * there are no shared modules to call, so it stays out with one console error instead of throwing into the page.
 */
const runtimeGate = (): string => {
  if (!firstPassBuild) throw new Error('script boundary: build the first pass (candor.min.js) before the runtime');
  return `if (self.__candor?.build !== '${firstPassBuild}') { try { console.error('candor: runtime-mismatch at candor-runtime.min.js (see docs/errors.md)'); } catch {} return; }`;
};

/**
 * TypeScript to JavaScript without type checking (`noCheck`): `npm run typecheck` checks src with the tests, once, where
 * checking in each of the builds below took about 9 s of the build's 46 s. The source maps carry the sources' text
 * (`inlineSources`): the package ships dist/, not src/, and a map without it shows debuggers an empty file.
 */
const ts = () => typescript({ tsconfig: './tsconfig.json', sourceMap: true, inlineSources: true, outputToFilesystem: false, noCheck: true });

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
    input: FIRST_PASS_ENTRY,
    plugins: [leanConfigErrors(), ts(), minify({ eager: true }), handOverSharedModules()],
    output: { file: 'dist/candor.min.js', format: 'iife', sourcemap: true, freeze: false },
  },
  {
    // Script tag, runtime: loaded by the first pass without blocking; validation, events, IndexedDB and window.candor.
    // Config errors give code and path only.
    input: 'src/script/runtime.ts',
    plugins: [takeSharedModules(), nodeResolve({ browser: true }), leanConfigErrors(), ts(), minify({ eager: true })],
    output: { file: 'dist/candor-runtime.min.js', format: 'iife', sourcemap: true, intro: runtimeGate },
  },
  {
    // The widget, fetched by the loader only when a visitor opens an explanation.
    input: 'src/script/widget-entry.ts',
    plugins: [ts(), minify()],
    output: { file: 'dist/candor-widget.min.js', format: 'iife', sourcemap: true },
  },
  {
    // The config validator (codes and paths only), fetched by the runtime for a config nothing has validated yet.
    input: 'src/script/check-entry.ts',
    plugins: [leanConfigErrors(), ts(), minify()],
    output: { file: 'dist/candor-check.min.js', format: 'iife', sourcemap: true },
  },
  {
    // The explanation code (candor/core's explain), fetched by the runtime with the widget, or for candor.loadExplanations().
    input: 'src/script/explain-entry.ts',
    plugins: [ts(), minify()],
    output: { file: 'dist/candor-explain.min.js', format: 'iife', sourcemap: true },
  },
  {
    // examples/spa: the npm module in a small single-page app (served by `npm run demo`).
    input: 'examples/spa/app.ts',
    plugins: [
      nodeResolve({ browser: true }),
      typescript({ tsconfig: './examples/spa/tsconfig.json', sourceMap: true, outputToFilesystem: false, noCheck: true }),
    ],
    output: { file: 'dist/examples/spa.js', format: 'iife', sourcemap: true },
  },
];

export default config;
