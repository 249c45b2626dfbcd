/**
 * The error tables (src/core/errors/error-messages.ts for validation, src/util/runtime-messages.ts for the console)
 * and docs/errors.md name the same codes, and the formatter fills their templates from the params.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_ERROR_CODES } from '../../../../src/core/config/config-error-codes.js';
import { ERROR_MESSAGES } from '../../../../src/core/errors/error-messages.js';
import { errorText } from '../../../../src/core/errors/error-text.js';
import { RUNTIME_MESSAGES } from '../../../../src/util/runtime-messages.js';

/** The codes of the `### code` headings of docs/errors.md (a heading may add words: `### storage-full (a warning)`). */
const documented = (): string[] =>
  [...readFileSync('docs/errors.md', 'utf8').matchAll(/^### ([a-z]+(?:-[a-z]+)*)(?: \(.*\))?$/gm)].map((m) => m[1] ?? '');
/** The codes of an error table: a key is a code, or `code:text` for one of a code's several texts. */
const codesOf = (table: object): string[] => Object.keys(table).map((key) => key.split(':')[0] ?? key);
/** The script tag's own codes: its builds have no text, so no table holds them (docs/errors.md explains them). */
const SCRIPT_TAG_ONLY = ['config-json', 'config-url', 'experience-not-applied', 'runtime-load', 'trusted-types', 'runtime-mismatch', 'widget-load'];

describe('the error tables and docs/errors.md', () => {
  it('have the same codes', () => {
    const codes = [...new Set([...codesOf(ERROR_MESSAGES), ...codesOf(RUNTIME_MESSAGES), ...Object.keys(CONFIG_ERROR_CODES), ...SCRIPT_TAG_ONLY])].sort();
    expect(documented().sort()).toEqual(codes);
    // Every code validation reports has its text in the core table (the CLI writes its two codes' texts itself).
    expect(Object.keys(CONFIG_ERROR_CODES).filter((code) => !codesOf(ERROR_MESSAGES).includes(code))).toEqual(['invalid-json', 'type-mismatch']);
  });

  it('fills each template from the params, in the order their names first appear', () => {
    expect(errorText('invalid-audience', ['devs'])).toEqual({
      message: 'The audience "devs" has errors (see audiences.devs), so this experience is dropped.',
      fix: 'Fix audiences.devs.',
    });
    expect(errorText('share-out-of-range', ['holdout', 5, 0.05, 'percent'])?.fix).toBe('Write 0.05 for 5%.');
    expect(errorText('tier-too-loose', ['low', 'high', ['visit.returning', 'geo.country'], 'audience'])).toEqual({
      message: '"tier" is "low", but the rule reads "high" signals (visit.returning, geo.country).',
      fix: 'Set "tier": "high" or stricter, or leave it out: Candor computes it.',
    });
    expect(errorText('not-an-object', [[1, 2]])?.message).toBe('The config must be a JSON object, not [1,2].');
    expect(errorText('shares-too-large', [0.1, 0.2, 0.1 + 0.2])?.message).toContain('is 0.3,');
    expect(errorText('invalid-condition', ['$size', -1, 'operand'])?.message).toBe('$size takes a whole number, 0 or more, not -1.');
  });

  it('leaves braces that hold no name as text', () => {
    expect(errorText('missing-field', ['audiences'])?.fix).toBe('Add "audiences": { "name": { "when": { ... }, "reason": "..." } }.');
    expect(errorText('invalid-condition', ['$gt', 'top-level'])?.fix).toBe('Write { "utm.campaign": { "$gt": ... } }; only $and, $or and $nor go at the top.');
  });

  it('gives no text for a code or text name it does not have', () => {
    expect(errorText('no-such-code', [])).toBeUndefined();
    expect(errorText('wrong-type', [1, 'no-such-field'])).toBeUndefined();
  });
});
