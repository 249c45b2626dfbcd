import { describe, expect, it } from 'vitest';
import { consentState, tierAllowed } from '../../../../src/core/consent/consent-state.js';
import { TIERS, type Tier, type ValidConfig } from '../../../../src/core/types.js';
import { makeConfig } from '../decide/fixtures.js';

const withConsent = (defaultTier: Tier, withGpc: Tier): ValidConfig => ({ ...makeConfig(), consent: { default: defaultTier, withGpc } });

describe('tierAllowed', () => {
  it('allows a tier up to the cap and nothing above it', () => {
    const allowed = TIERS.map((cap) => TIERS.filter((tier) => tierAllowed(tier, cap)));
    expect(allowed).toEqual([['low'], ['low', 'relationship'], ['low', 'relationship', 'high']]);
  });

  it('never allows an unknown tier, and an unknown cap allows nothing', () => {
    expect(tierAllowed('secret' as Tier, 'high')).toBe(false);
    expect(tierAllowed('low', 'everything' as Tier)).toBe(false);
  });
});

describe('consentState', () => {
  it('caps at the config default until someone chooses', () => {
    expect(consentState(withConsent('relationship', 'low'), undefined, false)).toEqual({ tier: 'relationship', gpc: false });
    expect(consentState(withConsent('low', 'low'), undefined, false)).toEqual({ tier: 'low', gpc: false });
  });

  it('a choice replaces the default, up or down', () => {
    expect(consentState(withConsent('relationship', 'low'), 'high', false).tier).toBe('high');
    expect(consentState(withConsent('relationship', 'low'), 'low', false).tier).toBe('low');
  });

  it('GPC or DNT lowers the cap to withGpc, never raises it', () => {
    expect(consentState(withConsent('relationship', 'low'), undefined, true)).toEqual({ tier: 'low', gpc: true });
    expect(consentState(withConsent('relationship', 'low'), 'high', true).tier).toBe('low');
    expect(consentState(withConsent('high', 'relationship'), 'high', true).tier).toBe('relationship');
    // withGpc above the cap does not raise it.
    expect(consentState(withConsent('low', 'high'), undefined, true).tier).toBe('low');
    expect(consentState(withConsent('high', 'high'), 'relationship', true).tier).toBe('relationship');
  });

  it('a damaged stored choice counts as no choice; a damaged config caps at low', () => {
    expect(consentState(withConsent('relationship', 'low'), 'everything' as Tier, false).tier).toBe('relationship');
    expect(consentState(withConsent('bogus' as Tier, 'bogus' as Tier), undefined, false).tier).toBe('low');
    expect(consentState(withConsent('high', 'bogus' as Tier), undefined, true).tier).toBe('low');
  });
});
