/**
 * The script tag is two files: `candor.min.js` (the first pass, in <head>) and `candor-runtime.min.js` (loaded after it).
 * The runtime takes the modules the first pass already shipped from it (rollup.config.ts, SHARED_MODULES), so no
 * visitor downloads the same code twice, and the first pass carries nothing that can wait (validation, events,
 * IndexedDB, explanations). Reads the source maps of the built files; builds nothing (`npm test` builds first).
 */
import { existsSync, readFileSync } from 'node:fs';
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

  it('ships no module in both files (add a module both need to SHARED_MODULES in rollup.config.ts)', () => {
    expect(firstPass.length).toBeGreaterThan(20);
    expect(runtime.length).toBeGreaterThan(20);
    expect(firstPass.filter((s) => runtime.includes(s))).toEqual([]);
  });

  it('keeps what can wait out of the first pass: validation, events delivery, IndexedDB, explanations, the API', () => {
    for (const later of [
      'src/core/config/validate-config.ts',
      'src/events/create-dispatcher.ts',
      'src/events/sinks/url-sink.ts',
      'node_modules/idb-keyval/dist/index.js',
      'src/core/explain/explain.ts',
      'src/instance/create-candor.ts',
    ]) {
      expect(firstPass, later).not.toContain(later);
      expect(runtime, later).toContain(later);
    }
  });

  it('decides in the first pass: the decision, the conditions and the signal readers are there', () => {
    for (const now of ['src/core/decide/decide.ts', 'src/core/conditions/evaluate-condition.ts', 'src/signals/read-signals.ts', 'src/dom/apply-experience.ts']) {
      expect(firstPass, now).toContain(now);
    }
  });
});
