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

/** A field name as it can be shown in a message: at most 64 characters, as JSON when it is not a plain name. */
const fieldName = (key: string): string => {
  const short = key.length > 64 ? key.slice(0, 64) + '…' : key;
  return /^[A-Za-z_$][\w$]*$/.test(short) ? short : JSON.stringify(short);
};

/**
 * Checks one value against the Candor events schema, exactly: only the value's own fields count (a field named
 * `__proto__`, `constructor` or `toString` is unknown like any other), and unknown fields are problems too.
 * @param value a parsed JSON value
 * @param path how to name the value in messages (`body[3]`)
 * @param max at most this many problems are listed (the rest are summed up in one more line)
 * @returns the problems, each `path.field: what is wrong`; empty when the value is a valid event
 * @example validateEvent({ v: 1, type: 'conversion' }) // ['event.id: required', …]
 */
export function validateEvent(value: unknown, path = 'event', max = 20): string[] {
  if (typeof value != 'object' || value === null || Array.isArray(value)) return [`${path}: must be an object (one Candor event)`];
  const event = value as Record<string, unknown>;
  const type = Object.hasOwn(event, 'type') ? event.type : undefined;
  if (type !== 'exposure' && type !== 'conversion' && type !== 'trust') return [`${path}.type: must be one of exposure, conversion, trust`];
  const rules = EVENT_RULES[type];
  const problems: string[] = [];
  let more = 0;
  const add = (p: string): void => {
    if (problems.length < max) problems.push(p);
    else more++;
  };
  for (const key of rules.required) if (!Object.hasOwn(event, key)) add(`${path}.${key}: required for ${type} events`);
  for (const key of Object.keys(event)) {
    const rule = Object.hasOwn(rules.properties, key) ? rules.properties[key] : undefined;
    const p = rule ? problem(rule, event[key]) : `not a field of ${type} events (the schema allows no others)`;
    if (p) add(`${path}.${fieldName(key)}: ${p}`);
  }
  if (more) problems.push(`${path}: ${more} more problem${more == 1 ? '' : 's'}`);
  return problems;
}

/** Field order of stored events: the SDK's (`v`, `type`, `id`, `visitorId`, `ts`, then the schema's), per kind. */
const FIELD_ORDER = Object.fromEntries(
  Object.entries(EVENT_RULES).map(([type, rules]) => {
    const head = ['v', 'type', 'id', 'visitorId', 'ts'];
    return [type, [...head, ...Object.keys(rules.properties).filter((k) => !head.includes(k))]];
  }),
) as Record<CandorEvent['type'], string[]>;

/**
 * A valid event as one NDJSON line in the SDK's field order (`{"v":1,"type":…,"id":…,"visitorId":…,"ts":…`), which
 * readers can take apart without parsing the whole line.
 * @param event an event {@link validateEvent} accepted
 * @example eventLine(exposure) // '{"v":1,"type":"exposure","id":"…",…}\n'
 */
export function eventLine(event: CandorEvent): string {
  const fields = event as unknown as Record<string, unknown>;
  if (inFieldOrder(event)) return JSON.stringify(fields) + '\n'; // as the SDK sends them: no copy needed
  const copy: Record<string, unknown> = {};
  for (const k of FIELD_ORDER[event.type]) if (Object.hasOwn(fields, k)) copy[k] = fields[k];
  return JSON.stringify(copy) + '\n';
}

/**
 * Whether a valid event's fields come in the order stored lines use ({@link eventLine}).
 * @param event an event {@link validateEvent} accepted
 */
export function inFieldOrder(event: CandorEvent): boolean {
  const order = FIELD_ORDER[event.type];
  let j = 0;
  for (const key of Object.keys(event)) {
    while (j < order.length && order[j] !== key) j++;
    if (j++ >= order.length) return false;
  }
  return true;
}

/**
 * Type guard over {@link validateEvent}.
 * @param value a parsed JSON value
 */
export function isCandorEvent(value: unknown): value is CandorEvent {
  return validateEvent(value).length == 0;
}
