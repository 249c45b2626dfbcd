import { describe, expect, it } from 'vitest';
import { conversionEvent, exposureEvent, trustEvent } from '../../../src/events/build-events.js';
import { newEventId } from '../../../src/events/event-id.js';
import { validateEvent } from '../../../src/collect/validate-event.js';
import { decision } from './sample-events.js';

const ID = 'a'.repeat(32);
const NOW = 1_790_000_000_000;

describe('exposureEvent', () => {
  it('copies the decision into a valid exposure event', () => {
    const event = exposureEvent(decision(), 'visitor-1', ID, NOW);
    expect(event).toEqual({
      v: 1, type: 'exposure', id: ID, visitorId: 'visitor-1', ts: NOW, decisionId: 'd-123', slot: 'hero',
      configVersion: '2026-11-01', hashVersion: 1, salt: 'q4', arm: 'targeted', experience: 'health', counterfactual: 'health',
      propensity: 0.82, eligible: ['health', 'fintech'], audiences: ['healthcare', 'big-company'], tier: 'relationship', gpc: false,
    });
    expect(validateEvent(event)).toEqual([]);
  });

  it('never includes raw signal values or labels', () => {
    const json = JSON.stringify(exposureEvent(decision(), 'visitor-1', ID, NOW));
    expect(json).not.toContain('secret-health-campaign');
    expect(json).not.toContain('utm.campaign');
    expect(json).not.toContain('Campaign you arrived from');
  });

  it('carries no audience ids under GPC/DNT, but keeps the arm and the flag', () => {
    const event = exposureEvent(decision({ consent: { tier: 'low', gpc: true } }), 'visitor-1', ID, NOW);
    expect(event.audiences).toEqual([]);
    expect(event).toMatchObject({ arm: 'targeted', experience: 'health', propensity: 0.82, gpc: true, tier: 'low' });
    expect(JSON.stringify(event)).not.toContain('healthcare');
  });

  it('does not share arrays with the decision', () => {
    const d = decision();
    const event = exposureEvent(d, 'visitor-1', ID, NOW);
    d.audiences.push('later');
    expect(event.audiences).toEqual(['healthcare', 'big-company']);
  });
});

describe('conversionEvent and trustEvent', () => {
  it('keeps a finite value and drops a missing or non-finite one', () => {
    expect(conversionEvent('v1', 'demo-booked', 120, ID, NOW)).toEqual({ v: 1, type: 'conversion', id: ID, visitorId: 'v1', ts: NOW, goal: 'demo-booked', value: 120 });
    expect(conversionEvent('v1', 'demo-booked', undefined, ID, NOW)).not.toHaveProperty('value');
    expect(conversionEvent('v1', 'demo-booked', NaN, ID, NOW)).not.toHaveProperty('value');
    expect(validateEvent(conversionEvent('v1', 'g', Infinity, ID, NOW))).toEqual([]);
  });

  it('copies only the known string details of a trust event', () => {
    const extra = { slot: 'hero', configVersion: '7', key: 'role', answer: 'engineer', signals: { x: 1 } } as Parameters<typeof trustEvent>[4];
    const event = trustEvent('v1', 'ask_answered', ID, NOW, extra);
    expect(event).toEqual({ v: 1, type: 'trust', id: ID, visitorId: 'v1', ts: NOW, kind: 'ask_answered', slot: 'hero', configVersion: '7', key: 'role', answer: 'engineer' });
    expect(validateEvent(event)).toEqual([]);
    expect(trustEvent('v1', 'forget', ID, NOW)).toEqual({ v: 1, type: 'trust', id: ID, visitorId: 'v1', ts: NOW, kind: 'forget' });
  });
});

describe('newEventId', () => {
  it('makes 128 random bits as 32 hex characters', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newEventId(crypto)));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(newEventId({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => a })).toBe('0'.repeat(32));
  });
});
