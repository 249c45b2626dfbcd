import { describe, expect, it } from 'vitest';
import { SIGNAL_CATALOG, SIGNAL_LABELS, signalSpec } from '../../../src/core/signals/signal-catalog.js';
import { SIGNAL_TIERS, signalTier } from '../../../src/core/signals/signal-tiers.js';

describe('signalSpec', () => {
  it('finds a plain signal with its tier', () => {
    expect(signalSpec('utm.campaign')).toMatchObject({ tier: 'low', label: 'Campaign you arrived from' });
  });
  it('resolves a family and fills in the key', () => {
    expect(signalSpec('pages.docs')).toEqual({ name: 'pages.docs', label: 'Pages you viewed in “docs”', tier: 'relationship' });
    expect(signalSpec('interest.kubernetes')?.tier).toBe('high');
  });
  it('knows nothing of unknown or malformed names', () => {
    expect(signalSpec('utm.nope')).toBeUndefined();
    expect(signalSpec('pages.')).toBeUndefined();
    expect(signalSpec('pages.a.b')).toBeUndefined();
  });
});

describe('signalTier (what deciding uses, without the labels)', () => {
  it('gives every catalog entry the tier the catalog lists, and every entry has a label', () => {
    expect(SIGNAL_CATALOG.length).toBe(Object.values(SIGNAL_TIERS).flat().length);
    for (const spec of SIGNAL_CATALOG) {
      expect(signalTier(spec.name), spec.name).toBe(spec.tier);
      expect(SIGNAL_LABELS[spec.name], spec.name).toBeTruthy();
    }
    expect(Object.keys(SIGNAL_LABELS).sort()).toEqual(SIGNAL_CATALOG.map((s) => s.name).sort());
  });
  it('resolves families to one key after the dot, and knows nothing else', () => {
    expect(signalTier('interest.kubernetes')).toBe('high');
    expect(signalTier('declared.role')).toBe('relationship');
    expect(signalTier('utm.campaign')).toBe('low');
    for (const name of ['utm.nope', 'pages.', 'pages.a.b', 'nope', '.docs', 'interest']) expect(signalTier(name), name).toBeUndefined();
  });
});
