/**
 * The script-tag build validates without the error table (src/core/errors/error-text-lean.ts is loaded in place of
 * src/core/errors/error-text.ts, rollup.config.ts): problems keep their code and path but carry no params, message or fix text. Here both modes run side by side on the same inputs: the lean one must find
 * exactly the same problems and give exactly the same config.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { validateConfig } from '../../../../src/core/config/validate-config.js';
import { formatConfigError } from '../../../../src/core/config/format-config-error.js';
import * as fullText from '../../../../src/core/errors/error-text.js';
import type { ValidationResult } from '../../../../src/core/types.js';

vi.resetModules();
vi.doMock('../../../../src/core/errors/error-text.js', () => import('../../../../src/core/errors/error-text-lean.js'));
const lean = (await import('../../../../src/core/config/validate-config.js')).validateConfig;
const leanFormat = (await import('../../../../src/core/config/format-config-error.js')).formatConfigError;
vi.doUnmock('../../../../src/core/errors/error-text.js');
// The lean module stands in for the full one: it has its exports, with signatures that fit.
const leanText: typeof import('../../../../src/core/errors/error-text.js') = await import('../../../../src/core/errors/error-text-lean.js');
afterAll(() => {
  vi.resetModules();
});

const cyclic: Record<string, unknown> = { v: 1 };
cyclic.self = cyclic;

/** Inputs that reach every reader and both validators: unknown fields, shares, tiers, conditions, changes, ask, unreadable JSON. */
const INPUTS: unknown[] = [
  undefined,
  'text',
  [],
  cyclic,
  { v: 2, salt: '', holdout: 50 },
  {
    v: 1,
    version: '1',
    salt: 's',
    holdout: 1.5,
    colour: 'red',
    consent: { default: 'medium', withGpc: 'high', ask: 'yes' },
    declare: ['role', 7, 'a.b', 'constructor'],
    sections: { docs: 'docs', blog: 3 },
    goals: { signup: { path: 'thanks' }, bad: 1 },
    audiences: {
      devs: { when: { 'utm.campain': 'x', 'pages.api': { $gte: 1 }, 'declared.size': 1, $where: 1, $in: [] }, reason: 'Because.' },
      ops: { when: { 'utm.source': { $regex: '(', $options: 'g', $foo: 1, $and: [], x: { a: 1 } }, 'locale.language': { $not: 3, $size: -1 } }, reason: '' },
      big: { when: {}, reason: 'x'.repeat(300), tier: 'low', shadow: 'no', label: 3 },
      loose: { when: { 'visit.sessions': { $gte: 2 } }, reason: 'You came back.', tier: 'low' },
      shadowy: { when: {}, reason: 'Shadow.', shadow: true },
      ok: { when: { $or: [{ 'utm.campaign': 'a' }, { 'utm.campaign': { $in: ['b', 'c'] } }] }, reason: 'Campaign.' },
    },
    slots: {
      hero: {
        control: 0.6,
        explore: 0.5,
        experiences: [
          { id: 'baseline', audience: 'ok' },
          { id: 'e1', audience: 'dev', colour: 1 },
          { id: 'e2', audience: 'ops' },
          { id: 'e3', audience: 'shadowy' },
          { id: 'e4', audience: 'ok', eligible: { 'visit.sessions': 1 } },
          { id: 'e4', audience: 'ok', changes: [{ selector: 'a', attrs: { onclick: 'x', href: 'javascript:alert(1)', src: 3 } }, { selector: 'h1' }, 5] },
        ],
      },
      cta: { experiences: 'none' },
      side: { control: -1 },
      main: { experiences: [{ id: 'm1', audience: 'ok', changes: [{ selector: 'h1', text: 'Hi' }] }] },
    },
    ask: { key: 'a.b', question: '', options: ['x', 'x', 3], share: 2, segments: { y: ['nobody'], x: 'ok' } },
    privacyUrl: 'javascript:void 0',
  },
];

describe('validateConfig with an empty error table (the script-tag build)', () => {
  it('finds the same problems, with code and path only, and gives the same config', () => {
    for (const input of INPUTS) {
      const full: ValidationResult = validateConfig(input);
      const short: ValidationResult = lean(input);
      expect(short.config).toEqual(full.config);
      expect(short.errors).toEqual(full.errors.map((e) => ({ code: e.code, path: e.path, message: '', fix: '' })));
    }
    // The inputs above are not trivial: they reach many codes.
    expect(new Set(INPUTS.flatMap((input) => validateConfig(input).errors.map((e) => e.code))).size).toBeGreaterThan(25);
  });

  it('is formatted as code and path, pointing to docs/errors.md and `npx candor check`', () => {
    const lines = lean({ v: 1, version: '1', salt: 's', audiences: {}, slots: {}, colour: 'red' }).errors.map(leanFormat);
    expect(lines).toEqual(['candor: unknown-field at colour (see docs/errors.md — run "npx candor check" for the fix)']);
    // The npm module's formatter gives the full line.
    expect(formatConfigError(validateConfig({ v: 1, version: '1', salt: 's', audiences: {}, slots: {}, colour: 'red' }).errors[0] ?? { code: 'internal-error', path: '', message: '', fix: '' })).toMatch(
      /^candor: unknown-field at colour: "colour" is not a field of the config\. Fix: .+ \(see docs\/errors\.md\)$/,
    );
  });

  it('comes from a lean module with the exports of the full one', () => {
    expect(Object.keys(leanText).sort()).toEqual(Object.keys(fullText).sort());
  });
});
