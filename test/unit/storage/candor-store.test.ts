import { describe, expect, it } from 'vitest';
import { get, set } from 'idb-keyval';
import { candorStore, closeCandorStore } from '../../../src/storage/candor-store.js';

describe("Candor's IndexedDB store", () => {
  it("lives in Candor's own database, not idb-keyval's shared default", async () => {
    await set('queue', [{ id: 'e1' }], candorStore());
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toContain('candor');
    expect(names).not.toContain('keyval-store');
  });

  it('opens again after its connection was closed, with what was stored', async () => {
    await set('queue', [{ id: 'e2' }], candorStore());
    await closeCandorStore();
    expect(await get('queue', candorStore())).toEqual([{ id: 'e2' }]);
  });
});
