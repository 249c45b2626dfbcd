import type { CandorEvent } from '../core/types.js';

/** A JSON Schema property rule, in the subset the Candor events schema uses. */
export interface FieldRule {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  const?: string | number | boolean;
  enum?: readonly string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: { type: 'string' };
}

/** One event kind's shape: its required fields and every allowed field. */
export interface EventRules {
  required: readonly string[];
  properties: Readonly<Record<string, FieldRule>>;
}

const str = (minLength: number, maxLength: number): FieldRule => ({ type: 'string', minLength, maxLength });
const name = str(1, 256);
const ids: FieldRule = { type: 'array', items: { type: 'string' } };
const base = { v: { const: 1 }, id: str(8, 64), visitorId: str(1, 128), ts: { type: 'integer', minimum: 0 } } as const;
const BASE_REQUIRED = ['v', 'type', 'id', 'visitorId', 'ts'];

/**
 * The rules of src/events/events.schema.json (`$defs.exposure`, `.conversion`, `.trust`), minus descriptions.
 * A unit test compares the two, so they cannot drift apart.
 */
export const EVENT_RULES: Readonly<Record<CandorEvent['type'], EventRules>> = {
  exposure: {
    required: [...BASE_REQUIRED, 'decisionId', 'slot', 'configVersion', 'hashVersion', 'salt', 'arm', 'experience', 'counterfactual', 'propensity', 'eligible', 'audiences', 'tier', 'gpc'],
    properties: {
      ...base,
      type: { const: 'exposure' },
      decisionId: str(1, 128),
      slot: name,
      configVersion: name,
      hashVersion: { type: 'integer', minimum: 1 },
      salt: { type: 'string', maxLength: 256 },
      arm: { enum: ['holdout', 'control', 'explore', 'targeted'] },
      experience: name,
      counterfactual: name,
      propensity: { type: 'number', minimum: 0, maximum: 1 },
      eligible: ids,
      audiences: ids,
      tier: { enum: ['low', 'relationship', 'high'] },
      gpc: { type: 'boolean' },
    },
  },
  conversion: {
    required: [...BASE_REQUIRED, 'goal'],
    properties: { ...base, type: { const: 'conversion' }, goal: name, value: { type: 'number' } },
  },
  trust: {
    required: [...BASE_REQUIRED, 'kind'],
    properties: {
      ...base,
      type: { const: 'trust' },
      kind: { enum: ['explanation_opened', 'show_standard', 'personalize_again', 'forget', 'ask_answered', 'ask_dismissed'] },
      slot: name,
      configVersion: name,
      key: name,
      answer: { type: 'string', maxLength: 256 },
      forced: { const: true },
    },
  },
};

const problem = (rule: FieldRule, x: unknown): string | undefined => {
  if (rule.const !== undefined) return x === rule.const ? undefined : `must be ${JSON.stringify(rule.const)}`;
  if (rule.enum) return typeof x == 'string' && rule.enum.includes(x) ? undefined : `must be one of ${rule.enum.join(', ')}`;
  switch (rule.type) {
    case 'string':
      if (typeof x != 'string') return 'must be a string';
      if (x.length < (rule.minLength ?? 0)) return `must have at least ${rule.minLength ?? 0} characters`;
      if (x.length > (rule.maxLength ?? Infinity)) return `must have at most ${rule.maxLength ?? 0} characters`;
      return undefined;
    case 'integer':
    case 'number':
      if (typeof x != 'number' || !Number.isFinite(x)) return 'must be a number';
      if (rule.type == 'integer' && !Number.isInteger(x)) return 'must be a whole number';
      if (x < (rule.minimum ?? -Infinity) || x > (rule.maximum ?? Infinity)) return `must be between ${rule.minimum ?? '-∞'} and ${rule.maximum ?? '∞'}`;
      return undefined;
    case 'boolean':
      return typeof x == 'boolean' ? undefined : 'must be true or false';
    case 'array':
      return Array.isArray(x) && x.every((item) => typeof item == 'string') ? undefined : 'must be an array of strings';
    default:
      return undefined;
  }
};

/**
 * Checks one value against the Candor events schema (exactly: unknown fields are problems too).
 * @param value a parsed JSON value
 * @param path how to name the value in messages (`body[3]`)
 * @returns the problems, each `path.field: what is wrong`; empty when the value is a valid event
 * @example validateEvent({ v: 1, type: 'conversion' }) // ['event.id: required', …]
 */
export function validateEvent(value: unknown, path = 'event'): string[] {
  if (typeof value != 'object' || value === null || Array.isArray(value)) return [`${path}: must be an object (one Candor event)`];
  const event = value as Record<string, unknown>;
  const type = event.type;
  if (type !== 'exposure' && type !== 'conversion' && type !== 'trust') return [`${path}.type: must be one of exposure, conversion, trust`];
  const rules = EVENT_RULES[type];
  const problems: string[] = [];
  for (const key of rules.required) if (!(key in event)) problems.push(`${path}.${key}: required for ${type} events`);
  for (const [key, x] of Object.entries(event)) {
    const rule = rules.properties[key];
    const p = rule ? problem(rule, x) : `not a field of ${type} events (the schema allows no others)`;
    if (p) problems.push(`${path}.${key}: ${p}`);
  }
  return problems;
}

/**
 * Type guard over {@link validateEvent}.
 * @param value a parsed JSON value
 */
export function isCandorEvent(value: unknown): value is CandorEvent {
  return validateEvent(value).length == 0;
}
