import { expect, it } from 'vitest';
import { explain } from '../../../src/core/explain/explain.js';

it("the script-tag build of the explanation code hands candor/core's explain to the runtime (window.__candor.explain)", async () => {
  const w = window as unknown as { __candor?: { explain?: unknown; build?: string } };
  w.__candor = { build: 'kept' };
  await import('../../../src/script/explain-entry.js');
  expect(w.__candor).toEqual({ build: 'kept', explain });
});
