/**
 * The script tag is two files: `candor.min.js` (the first pass, in <head>) and `candor-runtime.min.js` (loaded after it).
 * The runtime takes the modules the first pass already shipped from it (rollup.config.ts derives them from the first pass's module graph), so no
 * visitor downloads the same code twice, and the first pass carries nothing that can wait (validation, events,
 * IndexedDB); the explanation code is a third file, loaded only when asked for. Reads the source maps of the built files; builds nothing (`npm test` builds first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';

/** The source files a built file was made from, relative to the repository (`src/core/decide/decide.ts`). */
const sources = (file: string): string[] => {
  expect(existsSync(`${file}.map`), `${file}.map is missing: run \`npm run build\` first.`).toBe(true);
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  return map.sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
};

describe('the script tag split', () => {
  const firstPass = sources('dist/candor.min.js');
  const runtime = sources('dist/candor-runtime.min.js');

  it('ships no module in both files (the runtime takes every first-pass module it imports from the first pass)', () => {
    expect(firstPass.length).toBeGreaterThan(20);
    expect(runtime.length).toBeGreaterThan(20);
    expect(firstPass.filter((s) => runtime.includes(s))).toEqual([]);
  });

  it('keeps what can wait out of the first pass: validation, events delivery, IndexedDB, the API', () => {
    for (const later of [
      'src/events/create-dispatcher.ts',
      'src/events/sinks/url-sink.ts',
      'node_modules/idb-keyval/dist/index.js',
      'src/instance/start-candor.ts',
    ]) {
      expect(firstPass, later).not.toContain(later);
      expect(runtime, later).toContain(later);
    }
  });

  it('leaves validation to candor-check.min.js, which the runtime fetches only for a config nothing has validated yet', () => {
    const validator = 'src/core/config/validate-config.ts';
    expect(firstPass).not.toContain(validator);
    expect(runtime).not.toContain(validator);
    expect(sources('dist/candor-check.min.js')).toContain(validator);
  });

  it('leaves the explanation code to candor-explain.min.js, which only a visitor who asks why (or the page itself) loads', () => {
    const explain = 'src/core/explain/explain.ts';
    expect(firstPass).not.toContain(explain);
    expect(runtime).not.toContain(explain);
    expect(sources('dist/candor-explain.min.js')).toContain(explain);
  });

  it("both files start with V8's eager-compile hint, so their functions are compiled off the main thread while they stream in", () => {
    for (const file of ['dist/candor.min.js', 'dist/candor-runtime.min.js']) {
      expect(readFileSync(file, 'utf8').split('\n')[0], file).toBe('//# allFunctionsCalledOnLoad');
    }
  });

  it('decides in the first pass: the decision, the conditions and the signal readers are there', () => {
    for (const now of ['src/core/decide/decide.ts', 'src/core/conditions/evaluate-condition.ts', 'src/signals/read-signals.ts', 'src/dom/apply-experience.ts']) {
      expect(firstPass, now).toContain(now);
    }
  });
});

describe('a runtime without its own first pass', () => {
  /** Runs scripts in a fresh JSDOM page; returns its console errors and what reached window.onerror. */
  const run = (...scripts: string[]) => {
    const errors: string[] = [];
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('error', (...args: unknown[]) => errors.push(args.map(String).join(' ')));
    virtualConsole.on('jsdomError', (error: Error) => errors.push(`uncaught: ${error.message}`));
    const tags = scripts.map((code) => `<script>${code}</script>`).join('');
    const dom = new JSDOM(`<!doctype html><head><script>window.onerror = (m) => { window.uncaught = String(m); };</script>${tags}</head><body></body>`, {
      runScripts: 'dangerously',
      url: 'https://example.test/',
      virtualConsole,
    });
    const uncaught = (dom.window as unknown as { uncaught?: string }).uncaught;
    const hasApi = 'candor' in dom.window;
    dom.window.close();
    return { errors, uncaught, hasApi };
  };
  const runtime = () => readFileSync('dist/candor-runtime.min.js', 'utf8');

  it('alone: stays out with one console error, and nothing reaches window.onerror', () => {
    const { errors, uncaught, hasApi } = run(runtime());
    expect(uncaught).toBeUndefined();
    expect(errors).toEqual(['candor: runtime-mismatch at candor-runtime.min.js (see docs/errors.md)']);
    expect(hasApi).toBe(false);
  });

  it('after a first pass of another build: the same', () => {
    const other = `window.__candor = { shared: {}, build: 'another-build', pass: {} };`;
    const { errors, uncaught, hasApi } = run(other, runtime());
    expect(uncaught).toBeUndefined();
    expect(errors).toEqual(['candor: runtime-mismatch at candor-runtime.min.js (see docs/errors.md)']);
    expect(hasApi).toBe(false);
  });

  it('after its own first pass: starts (the control case)', () => {
    const config = { v: 1, version: '1', salt: 's', audiences: {}, slots: {} };
    const { errors, uncaught, hasApi } = run(
      `document.write('<script type="application/json" id="candor-config">${JSON.stringify(config)}<\\/script>')`,
      readFileSync('dist/candor.min.js', 'utf8'),
      // The validator, which the runtime would fetch for this unvalidated config (jsdom loads no files), included by the page.
      readFileSync('dist/candor-check.min.js', 'utf8'),
      runtime(),
    );
    expect(uncaught).toBeUndefined();
    expect(errors).toEqual([]);
    expect(hasApi).toBe(true);
  });
});
