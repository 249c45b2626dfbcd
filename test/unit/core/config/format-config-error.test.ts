import { describe, expect, it } from 'vitest';
import { formatConfigError } from '../../../../src/core/config/format-config-error.js';

describe('formatConfigError', () => {
  it('gives one line with code, path, message, fix and the README link', () => {
    expect(
      formatConfigError({ code: 'unknown-audience', path: 'slots.hero.experiences[1].audience', message: 'There is no audience "devs".', fix: 'Defined audiences: developers.' }),
    ).toBe('candor: unknown-audience at slots.hero.experiences[1].audience: There is no audience "devs". Fix: Defined audiences: developers. (see docs/errors.md)');
  });
  it('names the root for problems with the whole config', () => {
    expect(formatConfigError({ code: 'not-an-object', path: '', message: 'm', fix: 'f' })).toBe('candor: not-an-object at (root): m Fix: f (see docs/errors.md)');
  });
});
