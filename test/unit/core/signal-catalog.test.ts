import { describe, expect, it } from 'vitest';
import { signalSpec } from '../../../src/core/signals/signal-catalog.js';

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
