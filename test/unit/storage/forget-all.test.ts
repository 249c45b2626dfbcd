import { describe, expect, it } from 'vitest';
import { get, set } from 'idb-keyval';
import { forgetAll } from '../../../src/storage/forget-all.js';
import { candorStore } from '../../../src/storage/candor-store.js';
import { saveSnapshot } from '../../../src/storage/snapshot-store.js';
import { sampleState } from './state-fixture.js';


describe('forgetAll', () => {
  it('leaves no Candor data in localStorage, sessionStorage, cookies or IndexedDB, and nothing else is touched', async () => {
    saveSnapshot(localStorage, sampleState());
    localStorage.setItem('candor:other', '1');
    localStorage.setItem('site:cart', 'keep');
    sessionStorage.setItem('candor:tab', '1');
    sessionStorage.setItem('site:tab', 'keep');
    document.cookie = 'candor_id=abc; path=/';
    document.cookie = 'candor=1; path=/';
    document.cookie = 'site_session=keep; path=/';
    // An open connection (as the page has after using the store) must not keep the database alive.
    await set('queue', [{ id: 'e1' }], candorStore());

    await forgetAll(window);

    expect(Object.keys(localStorage)).toEqual(['site:cart']);
    expect(Object.keys(sessionStorage)).toEqual(['site:tab']);
    expect(document.cookie).toBe('site_session=keep');
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('candor');

    // The store works again afterwards, and starts empty.
    expect(await get('queue', candorStore())).toBeUndefined();
    document.cookie = 'site_session=; max-age=0; path=/';
    localStorage.clear();
    sessionStorage.clear();
  });

  it('never rejects, even when every store throws', async () => {
    const hostile = new Proxy({} as Window, {
      get() {
        throw new DOMException('Blocked', 'SecurityError');
      },
    });
    await expect(forgetAll(hostile)).resolves.toBeUndefined();
  });
});
