import type { ConversionEvent, Decision, ExposureEvent, TrustEvent } from '../../../src/core/types.js';

let n = 0;
/** A fresh 32-hex event id. */
export const nextId = (): string => (++n).toString(16).padStart(32, '0');

/** A targeted decision whose rule read a campaign value that must never leave the browser. */
export const decision = (over: Partial<Decision> = {}): Decision => ({
  slot: 'hero',
  experience: 'health',
  arm: 'targeted',
  counterfactual: 'health',
  propensity: 0.82,
  audience: 'healthcare',
  audiences: ['healthcare', 'big-company'],
  eligible: ['health', 'fintech'],
  reason: 'audience-match',
  signals: [{ name: 'utm.campaign', value: 'secret-health-campaign', tier: 'low' }],
  configVersion: '2026-11-01',
  salt: 'q4',
  hashVersion: 1,
  decisionId: 'd-123',
  sticky: false,
  consent: { tier: 'relationship', gpc: false },
  ...over,
});

export const exposure = (over: Partial<ExposureEvent> = {}): ExposureEvent => ({
  v: 1,
  type: 'exposure',
  id: nextId(),
  visitorId: 'visitor-1',
  ts: 1_790_000_000_000,
  decisionId: 'd-123',
  slot: 'hero',
  configVersion: '2026-11-01',
  hashVersion: 1,
  salt: 'q4',
  arm: 'targeted',
  experience: 'health',
  counterfactual: 'health',
  propensity: 0.82,
  eligible: ['health', 'fintech'],
  audiences: ['healthcare'],
  tier: 'relationship',
  gpc: false,
  ...over,
});

export const conversion = (over: Partial<ConversionEvent> = {}): ConversionEvent => ({
  v: 1, type: 'conversion', id: nextId(), visitorId: 'visitor-1', ts: 1_790_000_000_000, goal: 'demo-booked', value: 120, ...over,
});

export const trust = (over: Partial<TrustEvent> = {}): TrustEvent => ({
  v: 1, type: 'trust', id: nextId(), visitorId: 'visitor-1', ts: 1_790_000_000_000, kind: 'ask_answered', slot: 'hero',
  configVersion: '2026-11-01', key: 'role', answer: 'engineer', ...over,
});
