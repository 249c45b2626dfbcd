import { describe, expect, it } from 'vitest';
import { EVENT_RULES, isCandorEvent, validateEvent, type FieldRule } from '../../../src/collect/validate-event.js';
import { conversion, exposure, trust } from './sample-events.js';
import schemaJson from '../../../src/events/events.schema.json';

interface PropSchema extends FieldRule { description?: string }
interface DefSchema { type: string; additionalProperties: boolean; required: string[]; properties: Record<string, PropSchema>; description: string }
const schema = schemaJson as unknown as {
  $schema: string;
  oneOf: { $ref: string }[];
  $defs: Record<string, DefSchema & { oneOf?: { $ref: string }[]; items?: unknown }>;
};
const kinds = ['exposure', 'conversion', 'trust'] as const;
const samples = { exposure, conversion, trust };

describe('events.schema.json', () => {
  it('is draft 2020-12 and describes one event or a batch', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.oneOf).toEqual([{ $ref: '#/$defs/event' }, { $ref: '#/$defs/batch' }]);
    expect(schema.$defs.event?.oneOf?.map((r) => r.$ref)).toEqual(kinds.map((k) => `#/$defs/${k}`));
    expect(schema.$defs.batch?.items).toEqual({ $ref: '#/$defs/event' });
  });

  it.each(kinds)('describes every %s field and allows no others', (kind) => {
    const def = schema.$defs[kind];
    expect(def?.additionalProperties).toBe(false);
    expect(def?.description.length).toBeGreaterThan(20);
    for (const [name, prop] of Object.entries(def?.properties ?? {})) expect(prop.description, name).toMatch(/\w{3,}/);
  });

  it.each(kinds)('matches the collector validator for %s events exactly (required fields and rules)', (kind) => {
    const def = schema.$defs[kind];
    const rules = EVENT_RULES[kind];
    expect([...rules.required].sort()).toEqual([...(def?.required ?? [])].sort());
    const stripped = Object.fromEntries(Object.entries(def?.properties ?? {}).map(([k, { description: _d, ...rule }]) => [k, rule]));
    expect(rules.properties).toEqual(stripped);
  });
});

describe('validateEvent', () => {
  it.each(kinds)('accepts a complete %s event', (kind) => {
    expect(validateEvent(samples[kind]())).toEqual([]);
    expect(isCandorEvent(samples[kind]())).toBe(true);
  });

  it('accepts events without optional fields', () => {
    expect(validateEvent({ v: 1, type: 'conversion', id: '0123456789', visitorId: 'v', ts: 0, goal: 'g' })).toEqual([]);
    expect(validateEvent({ v: 1, type: 'trust', id: '0123456789', visitorId: 'v', ts: 0, kind: 'forget' })).toEqual([]);
  });

  it.each(kinds)('rejects a %s event missing any field the schema requires, naming it', (kind) => {
    for (const field of schema.$defs[kind]?.required ?? []) {
      if (field == 'type') continue;
      const event = Object.fromEntries(Object.entries(samples[kind]()).filter(([k]) => k != field));
      expect(validateEvent(event), field).toEqual([`event.${field}: required for ${kind} events`]);
    }
  });

  it.each(kinds)('rejects a wrongly typed value in every %s field', (kind) => {
    for (const [field, prop] of Object.entries(schema.$defs[kind]?.properties ?? {})) {
      if (field == 'type') continue;
      // A value of the wrong JSON type for each rule.
      const wrong = prop.type == 'string' || prop.enum || typeof prop.const == 'string' ? 42 : 'x';
      const problems = validateEvent({ ...samples[kind](), [field]: wrong });
      expect(problems, field).toHaveLength(1);
      expect(problems[0], field).toMatch(new RegExp(`^event\\.${field}: must`));
    }
  });

  it('enforces bounds, enums, integers and string-only id lists', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ propensity: 1.5 }, 'event.propensity: must be between 0 and 1'],
      [{ propensity: -0.1 }, 'event.propensity: must be between 0 and 1'],
      [{ arm: 'treatment' }, 'event.arm: must be one of holdout, control, explore, targeted'],
      [{ tier: 'medium' }, 'event.tier: must be one of low, relationship, high'],
      [{ ts: 1.5 }, 'event.ts: must be a whole number'],
      [{ ts: -1 }, 'event.ts: must be between 0 and ∞'],
      [{ hashVersion: 0 }, 'event.hashVersion: must be between 1 and ∞'],
      [{ audiences: ['a', 3] }, 'event.audiences: must be an array of strings'],
      [{ id: 'short' }, 'event.id: must have at least 8 characters'],
      [{ slot: 'x'.repeat(257) }, 'event.slot: must have at most 256 characters'],
      [{ v: 2 }, 'event.v: must be 1'],
      [{ gpc: 'false' }, 'event.gpc: must be true or false'],
    ];
    for (const [over, message] of bad) expect(validateEvent({ ...exposure(), ...over })).toEqual([message]);
  });

  it('rejects unknown fields, so raw signal values cannot ride along', () => {
    expect(validateEvent({ ...exposure(), signals: { 'utm.campaign': 'x' } })).toEqual([
      'event.signals: not a field of exposure events (the schema allows no others)',
    ]);
  });

  it('rejects non-objects and unknown types', () => {
    expect(validateEvent([exposure()])).toEqual(['event: must be an object (one Candor event)']);
    expect(validateEvent(null, 'body[0]')).toEqual(['body[0]: must be an object (one Candor event)']);
    expect(validateEvent({ ...exposure(), type: 'pageview' })).toEqual(['event.type: must be one of exposure, conversion, trust']);
    expect(validateEvent({ ...trust(), kind: 'opened' })).toEqual([
      'event.kind: must be one of explanation_opened, show_standard, personalize_again, forget, ask_answered, ask_dismissed',
    ]);
  });
});
