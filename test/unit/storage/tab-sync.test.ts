import { describe, expect, it, vi } from 'vitest';
import { watchOtherTabs } from '../../../src/storage/tab-sync.js';
import { SNAPSHOT_KEY } from '../../../src/storage/snapshot-store.js';
import { sampleState } from './state-fixture.js';

/** What the browser dispatches in this tab when another tab writes localStorage. */
const fromOtherTab = (key: string | null, newValue: string | null, storageArea: Storage = localStorage) =>
  window.dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea }));

describe('watchOtherTabs', () => {
  it('hands over the state another tab saved, and null when it forgot', () => {
    const onChange = vi.fn();
    const stop = watchOtherTabs(window, onChange);
    const other = { ...sampleState(), standard: true as const, consent: 'low' as const };
    fromOtherTab(SNAPSHOT_KEY, JSON.stringify(other));
    expect(onChange).toHaveBeenLastCalledWith(other);
    fromOtherTab(SNAPSHOT_KEY, null);
    expect(onChange).toHaveBeenLastCalledWith(null);
    fromOtherTab(null, null); // localStorage.clear() in the other tab
    expect(onChange).toHaveBeenCalledTimes(3);
    stop();
  });

  it('reports unreadable data as null', () => {
    const onChange = vi.fn();
    const stop = watchOtherTabs(window, onChange);
    fromOtherTab(SNAPSHOT_KEY, '{broken');
    fromOtherTab(SNAPSHOT_KEY, JSON.stringify({ foreign: true }));
    expect(onChange.mock.calls).toEqual([[null], [null]]);
    stop();
  });

  it('ignores other keys and sessionStorage, and stops when unsubscribed', () => {
    const onChange = vi.fn();
    const stop = watchOtherTabs(window, onChange);
    fromOtherTab('site:cart', '[]');
    fromOtherTab(SNAPSHOT_KEY, JSON.stringify(sampleState()), sessionStorage);
    expect(onChange).not.toHaveBeenCalled();
    stop();
    fromOtherTab(SNAPSHOT_KEY, JSON.stringify(sampleState()));
    expect(onChange).not.toHaveBeenCalled();
  });
});
