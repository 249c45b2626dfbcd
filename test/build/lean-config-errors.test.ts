/**
 * The script tag's files (dist/candor.min.js, which only reads the config, dist/candor-runtime.min.js, which reports
 * problems, and dist/candor-check.min.js, the validator it fetches) are built with the error tables' lookups
 * (src/core/errors/error-text.ts, src/util/report-text.ts) loaded as ones that find nothing (rollup.config.ts), which
 * drops the tables and the text of every message and fix; every other build keeps them. This test reads the built
 * files, so the swap cannot silently stop working (a renamed file, a call site that builds its text itself).
 * It builds nothing: run `npm run build` first (`npm test` does).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';

const SCRIPT = 'dist/candor.min.js';
const RUNTIME = 'dist/candor-runtime.min.js';
const CHECK = 'dist/candor-check.min.js';
const CORE = 'dist/core.js';
const NPM = 'dist/index.js';

/** A built file, or a failing assertion that says how to get it. */
const built = (file: string): string => {
  expect(existsSync(file), `${file} is missing: run \`npm run build\` first.`).toBe(true);
  return readFileSync(file, 'utf8');
};

/** An ES module with the chunks it imports, so the text is found wherever rollup put it. */
const withImports = (file: string, seen = new Set<string>()): string => {
  if (seen.has(file)) return '';
  seen.add(file);
  const code = built(file);
  const imports = [...code.matchAll(/from\s*['"](\.[^'"]+)['"]/g)].map((m) => join(dirname(file), m[1] ?? ''));
  return code + imports.map((f) => withImports(f, seen)).join('');
};

/** Representative texts of the core table: field, condition and JSON-copy messages, a shared fix, and the "did you mean" hint. */
const TEXTS = [
  'is not a field of',
  'Did you mean',
  'is not an operator Candor knows',
  'is not a signal Candor reads',
  'must be a non-empty string',
  'Write shares as decimals from 0 to 1',
  'so it cannot be read as JSON',
  'The audience has no "reason"',
];
/** Representative texts of the console notices' table (src/util/runtime-messages.ts), which the npm module keeps too. */
const RUNTIME_TEXTS = ['Catch errors inside your listener', 'could not save its state'];

describe('config error text in the builds', () => {
  it('the script tag keeps the codes but none of the message and fix text', () => {
    for (const file of [SCRIPT, RUNTIME, CHECK]) {
      const script = built(file);
      for (const text of [...TEXTS, ...RUNTIME_TEXTS]) {
        expect(script, `"${text}" is in ${file}: are the error tables still loaded empty, and the text only in the tables?`).not.toContain(text);
      }
    }
    const check = built(CHECK);
    for (const code of ['unknown-field', 'unknown-audience', 'invalid-condition', 'not-json']) expect(check).toContain(code);
    expect(built(RUNTIME)).toContain('npx candor check');
  });

  it('the npm module keeps every text (so a missing text above means the flag, not a rename)', () => {
    const core = withImports(CORE);
    for (const text of TEXTS) expect(core, `"${text}" is missing from ${CORE} and its chunks`).toContain(text);
    for (const text of RUNTIME_TEXTS) expect(core, `"${text}" is in ${CORE}, which reports nothing to the console`).not.toContain(text);
    const npm = withImports(NPM);
    for (const text of [...TEXTS, ...RUNTIME_TEXTS]) expect(npm, `"${text}" is missing from ${NPM} and its chunks`).toContain(text);
  });

  it('the script tag prints code and path, and points to docs/errors.md and `npx candor check`', () => {
    const config = { v: 1, version: '1', salt: 's', audiences: { devs: { when: { 'utm.campain': 'x' }, reason: 'Because.' } }, slots: {}, colour: 'red' };
    const errors: string[] = [];
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('error', (...args: unknown[]) => errors.push(args.map(String).join(' ')));
    const dom = new JSDOM(
      `<!doctype html><head><script type="application/json" id="candor-config">${JSON.stringify(config)}</script><script>${built(SCRIPT)}</script><script>${built(CHECK)}</script><script>${built(RUNTIME)}</script></head><body></body>`,
      { runScripts: 'dangerously', url: 'https://example.test/', virtualConsole },
    );
    dom.window.close();
    const output = errors.join('\n');
    expect(output).toContain('candor: unknown-field at colour (see docs/errors.md — run "npx candor check" for the fix)');
    expect(output).toContain('candor: unknown-signal at audiences.devs.when["utm.campain"] (see docs/errors.md');
  });
});
