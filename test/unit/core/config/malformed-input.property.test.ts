import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../../src/core/config/validate-config.js';
import { evaluateCondition } from '../../../../src/core/conditions/evaluate-condition.js';
import { conditionSignals } from '../../../../src/core/conditions/condition-signals.js';
import { formatConfigError } from '../../../../src/core/config/format-config-error.js';
import type { Condition, Signals } from '../../../../src/core/types.js';

/** mulberry32: a tiny seeded PRNG, so every run feeds the same 10,000 cases. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const random = prng(20261122);
const int = (n: number) => Math.floor(random() * n);
const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)] as T;

const WORDS = [
  'v', 'version', 'salt', 'holdout', 'consent', 'audiences', 'slots', 'sections', 'declare', 'goals', 'ask', 'privacyUrl',
  'when', 'reason', 'tier', 'shadow', 'label', 'control', 'explore', 'experiences', 'id', 'audience', 'eligible', 'changes',
  'selector', 'text', 'attrs', 'template', 'href', 'src', 'onclick', 'path', 'key', 'question', 'options', 'share', 'segments',
  'default', 'withGpc', 'low', 'relationship', 'high', 'baseline', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  'utm.campaign', 'pages.docs', 'declared.role', 'locale.languages', 'interest.x', 'nope.nope', 'pages.', '',
  '$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$regex', '$options', '$exists', '$type', '$size', '$elemMatch',
  '$all', '$not', '$and', '$or', '$nor', '$where', '$expr', '(', '[a-', '^h', 'javascript:alert(1)', 'i', 'g',
];
const SCALARS: unknown[] = [0, -0, 1, -1, 0.05, 0.5, 2, 1e308, NaN, Infinity, -Infinity, true, false, null, undefined, '', ' ', 'x'.repeat(300)];

/** Deep random JSON-ish value, with wrong types, prototype keys, functions and symbols. */
function junk(depth: number): unknown {
  const r = random();
  if (depth <= 0 || r < 0.35) {
    const s = random();
    if (s < 0.45) return pick(WORDS);
    if (s < 0.9) return pick(SCALARS);
    if (s < 0.95) return () => 1;
    return Symbol('s');
  }
  if (r < 0.6) return Array.from({ length: int(4) }, () => junk(depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = int(5); i > 0; i--) Object.defineProperty(o, pick(WORDS), { value: junk(depth - 1), enumerable: true, writable: true, configurable: true });
  return o;
}

const base = () => ({
  v: 1,
  version: '1',
  salt: 's',
  sections: { docs: '/docs' },
  declare: ['role'],
  audiences: {
    a: { when: { 'utm.campaign': { $regex: '^h', $options: 'i' }, 'pages.docs': { $gte: 2 } }, reason: 'r' },
    b: { when: { $or: [{ 'declared.role': { $in: ['dev'] } }, { 'locale.languages': { $elemMatch: { $regex: '^en' } } }] }, reason: 'r', shadow: true },
  },
  slots: { hero: { experiences: [{ id: 'x', audience: 'a', changes: [{ selector: 'h1', text: 't' }] }] } },
  ask: { key: 'role', question: 'q', options: ['dev', ['pm', 'PM']], segments: { dev: ['a'] } },
});

/** Replaces one random node of a valid config with junk, sometimes a cycle or a throwing getter. */
function mutate(value: Record<string, unknown>): unknown {
  let node: Record<string, unknown> = value;
  for (let d = int(5); d > 0; d--) {
    const keys = Object.keys(node);
    const next = node[pick(keys)];
    if (typeof next !== 'object' || next === null) break;
    node = next as Record<string, unknown>;
  }
  const key = pick([...Object.keys(node), pick(WORDS)]);
  const r = random();
  if (r < 0.1) node[key] = value; // a cycle
  else if (r < 0.15) Object.defineProperty(node, key, { enumerable: true, get: () => { throw new Error('getter'); } });
  else if (r < 0.2) node[key] = new Proxy({}, { ownKeys: () => { throw new Error('proxy'); } });
  else Object.defineProperty(node, key, { value: junk(4), enumerable: true, writable: true, configurable: true });
  return value;
}

const formatCase = (input: unknown) => {
  try {
    const text = JSON.stringify(input) as string | undefined; // undefined for functions and symbols
    return text === undefined ? typeof input : text.slice(0, 300);
  } catch {
    return 'a value JSON cannot show (a cycle or a throwing getter)';
  }
};

function snapshot(): Signals {
  const s: Record<string, unknown> = {};
  for (let i = int(6); i > 0; i--) Object.defineProperty(s, pick(WORDS), { value: junk(2), enumerable: true, writable: true });
  return s as Signals;
}

describe('malformed input (seeded property test, 10,000 cases)', () => {
  it('validateConfig and evaluateCondition never throw; results keep their shape', { timeout: 120_000 }, () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const failures: string[] = [];
    const fail = (what: string, input: unknown) => {
      if (failures.length < 5) failures.push(`${what}: ${formatCase(input)}`);
    };
    let usable = 0;
    for (let i = 0; i < 10_000; i++) {
      const input = i % 2 ? mutate(base()) : junk(6);
      const result = validateConfig(input);
      // A bug in Candor shows as internal-error: junk must only ever produce the documented problems.
      for (const e of result.errors) {
        if (e.code === 'internal-error') fail(e.message, input);
        if (!/^candor: [a-z-]+ at \S+: .+ Fix: .+ \(see docs\/errors\.md\)$/s.test(formatConfigError(e))) fail(`badly formed error ${JSON.stringify(e)}`, input);
      }
      const signals = snapshot();
      if (result.config) {
        usable++;
        for (const audience of Object.values(result.config.audiences)) {
          if (typeof evaluateCondition(audience.when, signals) !== 'boolean') fail('non-boolean', audience.when);
          if (audience.signals.join() !== conditionSignals(audience.when).join()) fail('signals differ', audience.when);
        }
      }
      // Raw junk as a condition, too.
      const condition = junk(5) as Condition;
      if (typeof evaluateCondition(condition, signals) !== 'boolean') fail('non-boolean', condition);
      if (!Array.isArray(conditionSignals(condition))) fail('conditionSignals', condition);
    }
    expect(failures).toEqual([]);
    // The mutations leave many configs usable, so the evaluation above really ran.
    expect(usable).toBeGreaterThan(1000);
    // Nothing leaked onto Object.prototype.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});
