import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../../../src/core/conditions/evaluate-condition.js';
import type { Condition, Signals } from '../../../../src/core/types.js';

const signals: Signals = {
  'utm.campaign': 'health-q4',
  'utm.source': 'newsletter',
  'pages.docs': 3,
  'visit.returning': true,
  'locale.languages': ['en-US', 'de'],
  'recent.pages': [],
  'declared.role': null,
};
const ok = (condition: Condition, s: Signals = signals) => evaluateCondition(condition, s);

describe('evaluateCondition: plain values and $eq / $ne', () => {
  it('a plain value means $eq', () => {
    expect(ok({ 'utm.source': 'newsletter' })).toBe(true);
    expect(ok({ 'utm.source': 'ads' })).toBe(false);
    expect(ok({ 'pages.docs': 3, 'visit.returning': true })).toBe(true);
    expect(ok({ 'pages.docs': '3' })).toBe(false);
  });
  it('looks the whole dotted name up in the flat snapshot', () => {
    expect(ok({ 'utm.campaign': 'health-q4' }, { 'utm.campaign': 'health-q4' })).toBe(true);
    // Never walks into nested objects: "utm" is not a signal.
    expect(ok({ 'utm.campaign': 'x' }, { utm: { campaign: 'x' } } as unknown as Signals)).toBe(false);
  });
  it('$eq and $ne', () => {
    expect(ok({ 'utm.source': { $eq: 'newsletter' } })).toBe(true);
    expect(ok({ 'utm.source': { $ne: 'newsletter' } })).toBe(false);
    expect(ok({ 'utm.source': { $ne: 'ads' } })).toBe(true);
  });
  it('null equals null and missing; $ne null means present', () => {
    expect(ok({ 'declared.role': null })).toBe(true);
    expect(ok({ 'utm.term': null })).toBe(true);
    expect(ok({ 'utm.term': { $ne: null } })).toBe(false);
    expect(ok({ 'utm.source': { $ne: null } })).toBe(true);
    expect(ok({ 'utm.term': 'x' })).toBe(false);
  });
  it('$ne matches a missing signal', () => {
    expect(ok({ 'utm.term': { $ne: 'x' } })).toBe(true);
  });
});

describe('evaluateCondition: arrays match as MongoDB matches them', () => {
  it('equality matches any element, or the whole list', () => {
    expect(ok({ 'locale.languages': 'de' })).toBe(true);
    expect(ok({ 'locale.languages': 'fr' })).toBe(false);
    expect(ok({ 'locale.languages': ['en-US', 'de'] })).toBe(true);
    expect(ok({ 'locale.languages': ['de', 'en-US'] })).toBe(false);
    expect(ok({ 'locale.languages': { $ne: 'de' } })).toBe(false);
  });
  it('$in and $nin test every element', () => {
    expect(ok({ 'locale.languages': { $in: ['fr', 'de'] } })).toBe(true);
    expect(ok({ 'locale.languages': { $nin: ['fr', 'de'] } })).toBe(false);
    expect(ok({ 'locale.languages': { $nin: ['fr'] } })).toBe(true);
  });
  it('$regex matches any string element', () => {
    expect(ok({ 'locale.languages': { $regex: '^en' } })).toBe(true);
    expect(ok({ 'locale.languages': { $regex: '^fr' } })).toBe(false);
  });
  it('comparisons match any element', () => {
    expect(ok({ 'locale.languages': { $gte: 'e' } })).toBe(true);
    expect(ok({ 'locale.languages': { $lt: 'a' } })).toBe(false);
  });
  it('$size and $all look at the whole list', () => {
    expect(ok({ 'locale.languages': { $size: 2 } })).toBe(true);
    expect(ok({ 'locale.languages': { $size: 1 } })).toBe(false);
    expect(ok({ 'recent.pages': { $size: 0 } })).toBe(true);
    expect(ok({ 'utm.source': { $size: 1 } })).toBe(false);
    expect(ok({ 'locale.languages': { $all: ['de', 'en-US'] } })).toBe(true);
    expect(ok({ 'locale.languages': { $all: ['de', 'fr'] } })).toBe(false);
    expect(ok({ 'utm.source': { $all: ['newsletter'] } })).toBe(true);
    expect(ok({ 'locale.languages': { $all: [] } })).toBe(false);
  });
  it('$elemMatch on a list of strings needs one element to satisfy all its operators', () => {
    expect(ok({ 'locale.languages': { $elemMatch: { $regex: '^en', $options: 'i' } } })).toBe(true);
    expect(ok({ 'locale.languages': { $elemMatch: { $gte: 'd', $lt: 'e' } } })).toBe(true);
    // Each operator holds for some element, but no single element meets both.
    expect(ok({ 'locale.languages': { $elemMatch: { $regex: '^en', $eq: 'de' } } })).toBe(false);
    expect(ok({ 'utm.source': { $elemMatch: { $eq: 'newsletter' } } })).toBe(false);
    expect(ok({ 'recent.pages': { $elemMatch: { $exists: true } } })).toBe(false);
  });
  it('$elemMatch with field names applies to object elements', () => {
    const s = { 'x.list': [{ a: 1 }, { a: 5 }] } as unknown as Signals;
    expect(ok({ 'x.list': { $elemMatch: { a: { $gt: 3 } } } }, s)).toBe(true);
    expect(ok({ 'x.list': { $elemMatch: { a: { $gt: 9 } } } }, s)).toBe(false);
  });
});

describe('evaluateCondition: comparisons', () => {
  it('$gt $gte $lt $lte on numbers', () => {
    expect(ok({ 'pages.docs': { $gt: 2 } })).toBe(true);
    expect(ok({ 'pages.docs': { $gt: 3 } })).toBe(false);
    expect(ok({ 'pages.docs': { $gte: 3 } })).toBe(true);
    expect(ok({ 'pages.docs': { $lt: 3 } })).toBe(false);
    expect(ok({ 'pages.docs': { $lte: 3 } })).toBe(true);
    expect(ok({ 'pages.docs': { $gte: 2, $lt: 5 } })).toBe(true);
    expect(ok({ 'pages.docs': { $gte: 4, $lt: 5 } })).toBe(false);
  });
  it('on strings, lexicographically', () => {
    expect(ok({ 'utm.source': { $gt: 'm' } })).toBe(true);
    expect(ok({ 'utm.source': { $lt: 'm' } })).toBe(false);
  });
  it('only values of the same type compare (no coercion)', () => {
    expect(ok({ 'pages.docs': { $gt: '2' } })).toBe(false);
    expect(ok({ 'utm.source': { $gt: 1 } })).toBe(false);
    expect(ok({ 'utm.term': { $lt: 100 } })).toBe(false);
    expect(ok({ 'visit.returning': { $gt: false } })).toBe(true);
  });
  it('$gte / $lte null match null and missing, like equality', () => {
    expect(ok({ 'utm.term': { $gte: null } })).toBe(true);
    expect(ok({ 'declared.role': { $lte: null } })).toBe(true);
    expect(ok({ 'utm.term': { $gt: null } })).toBe(false);
  });
});

describe('evaluateCondition: $in $nin $exists $type $regex $not', () => {
  it('$in / $nin', () => {
    expect(ok({ 'utm.source': { $in: ['ads', 'newsletter'] } })).toBe(true);
    expect(ok({ 'utm.source': { $in: ['ads'] } })).toBe(false);
    expect(ok({ 'utm.source': { $nin: ['ads'] } })).toBe(true);
    expect(ok({ 'utm.term': { $in: [null] } })).toBe(true);
    expect(ok({ 'utm.term': { $nin: ['x'] } })).toBe(true);
    expect(ok({ 'utm.source': { $in: [] } })).toBe(false);
  });
  it('$exists', () => {
    expect(ok({ 'utm.source': { $exists: true } })).toBe(true);
    expect(ok({ 'utm.term': { $exists: true } })).toBe(false);
    expect(ok({ 'utm.term': { $exists: false } })).toBe(true);
    expect(ok({ 'declared.role': { $exists: true } })).toBe(true);
  });
  it('$type, also on elements, and with a list of types', () => {
    expect(ok({ 'utm.source': { $type: 'string' } })).toBe(true);
    expect(ok({ 'pages.docs': { $type: 'number' } })).toBe(true);
    expect(ok({ 'visit.returning': { $type: 'boolean' } })).toBe(true);
    expect(ok({ 'declared.role': { $type: 'null' } })).toBe(true);
    expect(ok({ 'locale.languages': { $type: 'array' } })).toBe(true);
    expect(ok({ 'locale.languages': { $type: 'string' } })).toBe(true);
    expect(ok({ 'pages.docs': { $type: 'string' } })).toBe(false);
    expect(ok({ 'utm.term': { $type: 'null' } })).toBe(false);
    expect(ok({ 'pages.docs': { $type: ['string', 'number'] } })).toBe(true);
  });
  it('$regex with $options', () => {
    expect(ok({ 'utm.campaign': { $regex: '^health' } })).toBe(true);
    expect(ok({ 'utm.campaign': { $regex: '^HEALTH' } })).toBe(false);
    expect(ok({ 'utm.campaign': { $regex: '^HEALTH', $options: 'i' } })).toBe(true);
    expect(ok({ 'pages.docs': { $regex: '3' } })).toBe(false);
    expect(ok({ 'utm.term': { $regex: '.*' } })).toBe(false);
    expect(ok({ 'utm.campaign': { $regex: 'q4$', $options: 'm' } }, { 'utm.campaign': 'a-q4\nb' })).toBe(true);
    expect(ok({ 'utm.campaign': { $regex: 'a.b', $options: 's' } }, { 'utm.campaign': 'a\nb' })).toBe(true);
    expect(ok({ 'utm.campaign': { $regex: '^\\p{L}+$', $options: 'u' } }, { 'utm.campaign': 'grüße' })).toBe(true);
  });
  it('a regex test stays stateless across calls', () => {
    const c = { 'utm.campaign': { $regex: 'health' } };
    for (let i = 0; i < 3; i++) expect(ok(c)).toBe(true);
  });
  it('$not negates operators, including $regex, and matches a missing signal', () => {
    expect(ok({ 'utm.campaign': { $not: { $regex: '^health' } } })).toBe(false);
    expect(ok({ 'utm.campaign': { $not: { $regex: '^sale' } } })).toBe(true);
    expect(ok({ 'utm.campaign': { $not: { $regex: '^HEALTH', $options: 'i' } } })).toBe(false);
    expect(ok({ 'utm.term': { $not: { $regex: 'x' } } })).toBe(true);
    expect(ok({ 'pages.docs': { $not: { $gte: 5 } } })).toBe(true);
    expect(ok({ 'locale.languages': { $not: { $elemMatch: { $regex: '^fr' } } } })).toBe(true);
  });
});

describe('evaluateCondition: $and $or $nor', () => {
  it('$and: every member', () => {
    expect(ok({ $and: [{ 'utm.source': 'newsletter' }, { 'pages.docs': { $gte: 2 } }] })).toBe(true);
    expect(ok({ $and: [{ 'utm.source': 'newsletter' }, { 'pages.docs': { $gte: 9 } }] })).toBe(false);
  });
  it('$or: any member', () => {
    expect(ok({ $or: [{ 'utm.source': 'ads' }, { 'pages.docs': { $gte: 2 } }] })).toBe(true);
    expect(ok({ $or: [{ 'utm.source': 'ads' }, { 'pages.docs': { $gte: 9 } }] })).toBe(false);
  });
  it('$nor: no member', () => {
    expect(ok({ $nor: [{ 'utm.source': 'ads' }, { 'pages.docs': { $gte: 9 } }] })).toBe(true);
    expect(ok({ $nor: [{ 'utm.source': 'ads' }, { 'pages.docs': { $gte: 2 } }] })).toBe(false);
  });
  it('nest, and combine with field clauses', () => {
    const c = { 'visit.returning': true, $or: [{ $and: [{ 'pages.docs': { $gt: 1 } }, { 'utm.source': { $ne: 'ads' } }] }, { 'utm.term': 'x' }] };
    expect(ok(c)).toBe(true);
    expect(ok({ ...c, 'visit.returning': false })).toBe(false);
  });
  it('{} matches everyone', () => {
    expect(ok({})).toBe(true);
  });
});

describe('evaluateCondition: malformed conditions never match and never throw', () => {
  const malformed: unknown[] = [
    { 'utm.source': { $foo: 1 } },
    { 'utm.source': { $regex: '(' } },
    { 'utm.source': { $regex: 'a', $options: 'g' } },
    { 'utm.source': { $options: 'i' } },
    { 'utm.source': { $regex: 5 } },
    { 'utm.source': { $in: 'newsletter' } },
    { 'utm.source': { $exists: 'yes' } },
    { 'utm.source': { $type: 'object' } },
    { 'utm.source': { $size: '1' } },
    { 'utm.source': { $all: 'x' } },
    { 'utm.source': { $gt: {} } },
    { 'utm.source': {} },
    { 'utm.source': { a: 1 } },
    { 'utm.source': { $not: 'newsletter' } },
    { 'utm.source': { $elemMatch: 'x' } },
    { $and: [] },
    { $or: {} },
    { $where: 'true' },
    { $not: { 'utm.source': 'ads' } },
    null,
    'utm.source',
    [{ 'utm.source': 'newsletter' }],
  ];
  it.each(malformed.map((c) => [JSON.stringify(c), c]))('%s is false', (_, c) => {
    expect(evaluateCondition(c as Condition, signals)).toBe(false);
  });
  it('a malformed part makes the whole condition false, even where it is negated or not reached', () => {
    expect(ok({ 'utm.source': { $not: { $foo: 1 } } })).toBe(false);
    expect(ok({ $nor: [{ 'utm.source': { $regex: '(' } }] })).toBe(false);
    expect(ok({ $or: [{ 'utm.source': 'newsletter' }, { 'utm.term': { $bad: 1 } }] })).toBe(false);
    expect(ok({ 'utm.source': { $ne: { a: 1 } } })).toBe(false);
  });
  it('does not read inherited properties as signals', () => {
    expect(ok({ constructor: { $exists: true } })).toBe(false);
    expect(ok({ toString: { $exists: false } })).toBe(true);
    // As JSON.parse makes it: an own "__proto__" key.
    expect(ok(JSON.parse('{ "__proto__": { "$exists": true } }') as Condition)).toBe(false);
    expect(ok({ ['__proto__']: { $exists: true } })).toBe(false);
  });
  it('survives cycles, throwing getters and junk snapshots', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.$and = [cyclic];
    expect(evaluateCondition(cyclic, signals)).toBe(false);
    const getter = Object.defineProperty({}, 'utm.source', { enumerable: true, get: () => { throw new Error('boom'); } }) as Condition;
    expect(evaluateCondition(getter, signals)).toBe(false);
    const throwingSignals = Object.defineProperty({}, 'utm.source', { get: () => { throw new Error('boom'); } }) as Signals;
    expect(evaluateCondition({ 'utm.source': 'x' }, throwingSignals)).toBe(false);
    expect(evaluateCondition({ 'utm.source': 'x' }, null as unknown as Signals)).toBe(false);
  });
  it('a condition is compiled once: evaluating it again with other signals gives fresh answers', () => {
    const c = { 'pages.docs': { $gte: 2 } };
    expect(ok(c, { 'pages.docs': 1 })).toBe(false);
    expect(ok(c, { 'pages.docs': 2 })).toBe(true);
    expect(ok(c, {})).toBe(false);
  });
});
