import { expect, it } from 'vitest';

it('imports and runs on a server without touching browser globals, deciding the standard content', async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  const { createCandor } = await import('../../src/index.js');
  const candor = createCandor({
    config: { v: 1, version: '1', salt: 's', audiences: {}, slots: { hero: { experiences: [] } } },
  });
  expect(candor.decide('hero')).toMatchObject({ experience: 'baseline', reason: 'no-visitor-id' });
  expect(candor.explain('hero')?.summary).toEqual(expect.any(String));
  candor.track('x');
  await candor.forget();
});
