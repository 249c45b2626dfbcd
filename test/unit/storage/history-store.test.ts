import { afterEach, describe, expect, it } from 'vitest';
import { appendHistory, candorStore, capHistory, closeCandorStore, HISTORY_LIMITS, loadHistory } from '../../../src/storage/history-store.js';
import { forgetAll } from '../../../src/storage/forget-all.js';
import { get, set } from 'idb-keyval';

const NOW = Date.UTC(2026, 0, 5);
const DAY = 864e5;

afterEach(async () => {
  await forgetAll(window);
});

describe('history store', () => {
  it('appends and loads entries, oldest first', async () => {
    expect(await appendHistory({ at: NOW - 1, kind: 'page', value: '/a' }, NOW)).toBe(true);
    expect(await appendHistory({ at: NOW, kind: 'goal', value: 'signup' }, NOW)).toBe(true);
    expect(await loadHistory(NOW)).toEqual([
      { at: NOW - 1, kind: 'page', value: '/a' },
      { at: NOW, kind: 'goal', value: 'signup' },
    ]);
  });

  it('keeps the newest 200 entries', async () => {
    for (let i = 0; i < 230; i++) await appendHistory({ at: NOW + i, kind: 'page', value: `/p${i}` }, NOW + i);
    const list = await loadHistory(NOW + 230);
    expect(list).toHaveLength(HISTORY_LIMITS.entries);
    expect(list[0]?.value).toBe('/p30');
  });

  it('drops entries older than 90 days', async () => {
    await appendHistory({ at: NOW - 100 * DAY, kind: 'page', value: '/old' }, NOW - 100 * DAY);
    await appendHistory({ at: NOW - 10 * DAY, kind: 'page', value: '/recent' }, NOW - 10 * DAY);
    await appendHistory({ at: NOW, kind: 'page', value: '/now' }, NOW);
    expect((await loadHistory(NOW)).map((e) => e.value)).toEqual(['/recent', '/now']);
  });

  it('lives in Candor’s own database, not idb-keyval’s shared default', async () => {
    await appendHistory({ at: NOW, kind: 'page', value: '/a' }, NOW);
    expect(await get('history', candorStore())).toHaveLength(1);
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toContain('candor');
    expect(names).not.toContain('keyval-store');
  });

  it('discards corrupt or foreign entries', async () => {
    await set('history', [{ at: NOW, kind: 'page', value: '/ok' }, { at: 'x', kind: 'page', value: '/bad' }, { kind: 'spy' }, 'junk'], candorStore());
    expect(await loadHistory(NOW)).toEqual([{ at: NOW, kind: 'page', value: '/ok' }]);
    await set('history', { not: 'a list' }, candorStore());
    expect(await loadHistory(NOW)).toEqual([]);
  });

  it('capHistory deletes what is above the consent cap', async () => {
    await appendHistory({ at: NOW, kind: 'page', value: '/a' }, NOW);
    await appendHistory({ at: NOW, kind: 'topic', value: 'k8s' }, NOW);
    await capHistory('relationship', NOW);
    expect((await loadHistory(NOW)).map((e) => e.kind)).toEqual(['page']);
    await capHistory('low', NOW);
    expect(await loadHistory(NOW)).toEqual([]);
  });

  it('resolves to empty/false, never rejects, when IndexedDB is unavailable', async () => {
    const real = globalThis.indexedDB;
    await closeCandorStore();
    Object.defineProperty(globalThis, 'indexedDB', {
      configurable: true,
      get: () => {
        throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
      },
    });
    try {
      expect(await appendHistory({ at: NOW, kind: 'page', value: '/a' }, NOW)).toBe(false);
      expect(await loadHistory(NOW)).toEqual([]);
      expect(await capHistory('low', NOW)).toBe(false);
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', { configurable: true, writable: true, value: real });
      await closeCandorStore();
    }
  });
});
