import type { Audience, ConsentState, Signals, Tier, ValidConfig } from '../../../../src/core/types.js';

/** A hand-built validated config (independent of the validator): the example plus a high-tier audience. */
export function makeConfig(): ValidConfig {
  const audiences: Record<string, Audience> = {
    'ai-curious': {
      id: 'ai-curious',
      when: { 'interest.ai': { $gte: 0.5 } },
      reason: 'You read a lot about AI on this site.',
      tier: 'high',
      shadow: false,
      signals: ['interest.ai'],
    },
    healthcare: {
      id: 'healthcare',
      when: { 'utm.campaign': { $regex: '^health' } },
      reason: 'You came here from our healthcare campaign.',
      tier: 'low',
      shadow: false,
      signals: ['utm.campaign'],
    },
    developers: {
      id: 'developers',
      when: { 'pages.docs': { $gte: 2 }, 'visit.returning': true, 'locale.languages': 'en' },
      reason: 'You have read our developer docs on this site.',
      tier: 'relationship',
      shadow: false,
      signals: ['pages.docs', 'visit.returning', 'locale.languages'],
    },
    'large-company': {
      id: 'large-company',
      when: { 'declared.companySize': { $in: ['1000+'] } },
      reason: 'You told us your company size.',
      tier: 'relationship',
      shadow: true,
      signals: ['declared.companySize'],
    },
  };
  return {
    v: 1,
    version: '2026-11-22.1',
    salt: 'acme-q4',
    holdout: 0.05,
    consent: { default: 'relationship', withGpc: 'low' },
    audiences,
    slots: {
      hero: {
        control: 0.1,
        explore: 0.1,
        experiences: [
          { id: 'hero-ai', audience: 'ai-curious' },
          { id: 'hero-health', audience: 'healthcare' },
          { id: 'hero-dev', audience: 'developers' },
          { id: 'hero-big', audience: 'large-company' },
        ],
      },
      pricing: {
        control: 0.2,
        explore: 0.1,
        experiences: [
          { id: 'pricing-de', audience: 'healthcare', eligible: { 'locale.language': 'de' } },
          { id: 'pricing-dev', audience: 'developers' },
        ],
      },
      empty: { control: 0.1, explore: 0.1, experiences: [] },
      solo: {
        control: 0.3,
        explore: 0.2,
        independent: true,
        experiences: [
          { id: 'solo-de', audience: 'healthcare', eligible: { 'locale.language': 'de' } },
          { id: 'solo-health', audience: 'healthcare' },
          { id: 'solo-dev', audience: 'developers' },
        ],
      },
    },
  };
}

/** A visitor who matches every audience. */
export const EVERYTHING: Signals = {
  'interest.ai': 0.9,
  'utm.campaign': 'health-q4',
  'pages.docs': 3,
  'visit.returning': true,
  'locale.languages': ['en', 'de'],
  'locale.language': 'en',
  'declared.companySize': '1000+',
};

export const consent = (tier: Tier, gpc = false): ConsentState => ({ tier, gpc });
