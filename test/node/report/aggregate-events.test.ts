import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { CandorEvent, ExposureEvent } from '../../../src/core/types.js';
import { aggregateEvents, createAggregator, crossFitFold } from '../../../src/report/aggregate-events.js';
import { analyze } from '../../../src/report/analyze.js';
import { seededRandom } from '../../../src/simulate/prng.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);
let nextId = 0;
const id = (): string => `e${String(nextId++).padStart(10, '0')}`;

function exposure(visitorId: string, over: Partial<ExposureEvent> = {}): ExposureEvent {
  return {
    v: 1,
    type: 'exposure',
    id: id(),
    visitorId,
    ts: T0,
    decisionId: `d-${visitorId}`,
    slot: 'hero',
    configVersion: 'v1',
    hashVersion: 1,
    salt: 'q1',
    arm: 'targeted',
    experience: 'dev',
    counterfactual: 'dev',
    propensity: 0.8,
    eligible: ['dev'],
    audiences: ['developers'],
    tier: 'low',
    gpc: false,
    ...over,
  };
}
const conversion = (visitorId: string, ts: number, goal = 'signup', value?: number): CandorEvent => ({
  v: 1,
  type: 'conversion',
  id: id(),
  visitorId,
  ts,
  goal,
  ...(value === undefined ? {} : { value }),
});

function aggregateOf(events: (CandorEvent | string)[], windowDays = 7) {
  const a = createAggregator({ windowDays });
  for (const e of events) a.addLine(typeof e === 'string' ? e : JSON.stringify(e));
  return a.finish();
}

describe('aggregateEvents', () => {
  test('a visitor who came to match is read from that decision for Q1 and the off-policy rows, and from the first exposure for the rest', () => {
    const base = { experience: 'baseline', counterfactual: 'baseline', audiences: [], propensity: 0.9 };
    const events: CandorEvent[] = [
      // Targeted: standard content for want of a match, then the visitor qualifies on day 2 and gets `dev`.
      exposure('t', { ...base, ts: T0 }),
      exposure('t', { ts: T0 + 2 * DAY, decisionId: 'd-t2' }),
      conversion('t', T0 + 8 * DAY), // in the window after the new decision, not after the first exposure
      // Control: same story, the counterfactual changes, the standard content stays.
      exposure('c', { ...base, arm: 'control', ts: T0 }),
      exposure('c', { arm: 'control', experience: 'baseline', propensity: 0.15, ts: T0 + 2 * DAY, decisionId: 'd-c2' }),
      conversion('c', T0 + DAY), // before the new decision: it counts for intention to treat only
      // A re-sent copy of the new decision is a duplicate, and a third exposure is ignored.
      exposure('t', { ts: T0 + 2 * DAY, decisionId: 'd-t2', id: 'copy' }),
      exposure('t', { ts: T0 + 3 * DAY, decisionId: 'd-t3' }),
    ];
    // The copy must be an exact re-send: same time and decision as the one stored.
    const agg = aggregateOf(events);
    const slot = agg.periods[0]?.slots[0];
    expect(agg.input).toMatchObject({ duplicates: 1, laterExposures: 3, redecided: 2 });
    // Intention to treat: arms and cells from the first exposures.
    expect(slot?.exposures).toEqual({ holdout: 0, control: 1, explore: 0, targeted: 1 });
    expect(slot?.cells.map((c) => [c.arm, c.experience, c.counterfactual, c.n, c.conv[0] ?? 0, c.conv[1] ?? 0])).toEqual(
      expect.arrayContaining([
        ['targeted', 'baseline', 'baseline', 1, 0, 0],
        ['control', 'baseline', 'baseline', 1, 1, 0],
      ]),
    );
    // Decisions: from the moment targeting had `dev` to show, conversions in the 7 days after it.
    expect(slot?.decisions?.map((c) => [c.arm, c.experience, c.counterfactual, c.n, c.conv[0] ?? 0])).toEqual(
      expect.arrayContaining([
        ['targeted', 'dev', 'dev', 1, 1],
        ['control', 'baseline', 'dev', 1, 0],
      ]),
    );
    expect(slot?.ope.map((o) => [o.arm, o.action, o.counterfactual, o.propensity]).sort()).toEqual([
      ['control', 'baseline', 'dev', 0.15],
      ['targeted', 'dev', 'dev', 0.8],
    ]);
    // Q1 reads the decisions: one treated and one control visitor for `dev`.
    const q1 = analyze(agg).periods[0]?.q1[0]?.experiences.find((e) => e.experience === 'dev');
    expect(q1?.comparisons[0]).toMatchObject({ control: { n: 1 }, treatment: { n: 1 } });
  });

  test('a re-sent exposure or conversion is counted once', () => {
    const e = exposure('a');
    const c = conversion('a', T0 + DAY);
    const agg = aggregateOf([e, e, c, c]);
    expect(agg.input.duplicates).toBe(2);
    const slot = agg.periods[0]?.slots[0];
    expect(slot?.exposures.targeted).toBe(1);
    expect(slot?.cells[0]).toMatchObject({ n: 1, conv: [1] });
  });

  test('the first exposure per visitor × slot × period wins (intention-to-treat), whatever the file order', () => {
    const later = exposure('a', { ts: T0 + DAY, arm: 'control', experience: 'baseline', decisionId: 'd2' });
    const first = exposure('a', { ts: T0 });
    // Re-logged exposures (lost storage, new config versions) add nothing to memory or counts.
    const relogged = Array.from({ length: 100 }, (_, k) => exposure('a', { ts: T0 + (k + 2) * DAY, decisionId: `d${k}` }));
    const agg = aggregateOf([later, first, ...relogged]);
    expect(agg.input.laterExposures).toBe(101);
    expect(agg.periods[0]?.slots[0]?.exposures).toEqual({ holdout: 0, control: 0, explore: 0, targeted: 1 });
    // Another slot and another period are separate units.
    const agg2 = aggregateOf([first, exposure('a', { slot: 'pricing' }), exposure('a', { salt: 'q2' })]);
    expect(agg2.input.laterExposures).toBe(0);
    expect(agg2.periods.map((p) => [p.salt, p.slots.length])).toEqual([
      ['q1', 2],
      ['q2', 1],
    ]);
  });

  test('conversions count within the window after the first exposure, even when they come first in the file', () => {
    const agg = aggregateOf([
      conversion('in', T0 + 6.9 * DAY),
      exposure('in'),
      exposure('late'),
      conversion('late', T0 + 7.5 * DAY),
      exposure('before'),
      conversion('before', T0 - 1000),
      conversion('nobody', T0),
    ]);
    const cells = agg.periods[0]?.groups.rest;
    expect(cells).toMatchObject({ n: 3, conv: [1] });
    expect(agg.input.visitorsWithoutExposure).toBe(1);
    expect(aggregateOf([exposure('late'), conversion('late', T0 + 7.5 * DAY)], 8).periods[0]?.groups.rest.conv).toEqual([1]);
  });

  test('values are summed per visitor within the window (sum and sum of squares)', () => {
    const agg = aggregateOf([exposure('a'), conversion('a', T0 + 1, 'buy', 10), conversion('a', T0 + 2, 'buy', 5), exposure('b'), conversion('b', T0 + 3, 'buy', 2)]);
    expect(agg.periods[0]?.groups.rest).toMatchObject({ n: 2, conv: [2], sum: [17], sumSq: [15 * 15 + 4] });
  });

  test('memory is bounded per visitor: conversions per visitor × goal are capped, keeping the earliest', () => {
    const events: CandorEvent[] = [exposure('a')];
    for (let i = 20; i > 0; i--) events.push(conversion('a', T0 + i * 1000, 'click'));
    const a = createAggregator({ maxConversionsPerGoal: 4 });
    for (const e of events) a.addEvent(e);
    const agg = a.finish();
    expect(agg.input.conversionsCapped).toBe(16);
    expect(agg.periods[0]?.groups.rest.sum).toEqual([4]);
  });

  test('the order of the lines changes nothing: ties, copies, replaced exposures, capped conversions and answers', () => {
    const trust = (visitorId: string, ts: number, answer: string): string =>
      JSON.stringify({ v: 1, type: 'trust', id: id(), visitorId, ts, kind: 'ask_answered', key: 'role', answer });
    const lines: string[] = [];
    const add = (e: CandorEvent | string, copies = 1): void => {
      for (let k = 0; k < copies; k++) lines.push(typeof e === 'string' ? e : JSON.stringify(e));
    };
    // Same millisecond, different decisions: the decision fields break the tie. Copies of each.
    add(exposure('a', { arm: 'control', experience: 'baseline' }), 2);
    add(exposure('a', { arm: 'targeted' }), 3);
    add(exposure('a', { ts: T0 + DAY, arm: 'explore', experience: 'ops' }), 2);
    // Two slots at the same millisecond: the period's first slot is the smaller name.
    add(exposure('a', { slot: 'pricing', audiences: ['ops'] }));
    // More distinct conversions than the cap, with copies, some at the same time with other values.
    for (let i = 0; i < 7; i++) add(conversion('a', T0 + (i % 3) * 1000, 'click', i), 1 + (i % 2));
    add(conversion('a', T0 + 1, 'buy', 2));
    add(exposure('b', { arm: 'holdout', experience: 'baseline', configVersion: 'v2' }));
    // Decided again when the visitor came to match: two triggers (the earlier one counts), copies, and an earlier
    // no-match exposure that replaces the first without being a trigger.
    add(exposure('c', { ts: T0 + 10, experience: 'baseline', counterfactual: 'baseline', audiences: [] }), 2);
    add(exposure('c', { ts: T0 + DAY }), 2);
    add(exposure('c', { ts: T0 + 2 * DAY, counterfactual: 'ops', experience: 'ops' }));
    add(exposure('c', { ts: T0, experience: 'baseline', counterfactual: 'baseline', audiences: [] }));
    add(exposure('d', { ts: T0 + 5, experience: 'baseline', counterfactual: 'baseline', audiences: [] }));
    add(exposure('d', { ts: T0 + 3, arm: 'control', experience: 'baseline', counterfactual: 'baseline', audiences: [] }));
    add(conversion('c', T0 + DAY + 5, 'click', 1));
    // Answers: the earliest counts; at the same time, the smaller key=answer.
    add(trust('a', T0 + 5, 'ops'));
    add(trust('a', T0 + 5, 'dev'));
    add(trust('a', T0 + 9, 'aaa'));
    const aggregate = (order: string[]) => {
      const a = createAggregator({ maxConversionsPerGoal: 4 });
      for (const line of order) a.addLine(line);
      return a.finish();
    };
    const reference = aggregate(lines);
    // Exposures: 1 copy of the first (control, before targeted) and 5 later; conversions: the 4 earliest kept, 2 copies among
    // them, and 4 capped events (3 distinct, one of them sent twice).
    expect(reference.input).toMatchObject({ duplicates: 1 + 2 + 1, laterExposures: 3 + 2 + 4 + 1, conversionsCapped: 4, redecided: 1 });
    expect(reference.goals).toEqual(['buy', 'click']);
    expect(reference.periods[0]?.answers[0]).toMatchObject({ answer: 'role=dev', audiences: ['developers'] });
    expect(reference.periods[0]?.slots.find((s) => s.slot === 'hero')?.exposures.control).toBe(2);
    const random = seededRandom(3);
    for (let round = 0; round < 20; round++) {
      const shuffled = [...lines];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j] ?? '', shuffled[i] ?? ''];
      }
      // Cells, goals and config versions come in one canonical order, so the JSON is the same too.
      expect(JSON.stringify(aggregate(shuffled))).toBe(JSON.stringify(reference));
    }
  });

  test('lines in another field order or with escapes give the same aggregate as the SDK’s own order', () => {
    const events: CandorEvent[] = [exposure('a'), exposure('b', { arm: 'control', experience: 'baseline' }), conversion('a', T0 + 5, 'buy', 3), conversion('b', T0 + 9)];
    const sdkOrder = aggregateOf(events);
    const reversed = aggregateOf(events.map((e) => JSON.stringify(Object.fromEntries(Object.entries(e).reverse()))));
    expect(reversed).toEqual(sdkOrder);
    const escaped = aggregateOf(events.map((e) => JSON.stringify(e).replace('"visitorId":"a"', '"visitorId":"\\u0061"')));
    expect(escaped).toEqual(sdkOrder);
    // A tail that repeats a head field is not trusted to the fast path: JSON's last-wins applies.
    const sneaky = JSON.stringify(exposure('a')).replace('"gpc":false}', '"gpc":false,"visitorId":"z"}');
    expect(aggregateOf([sneaky]).periods[0]?.visitors).toBe(1);
    expect(aggregateOf([sneaky, exposure('z', { ts: T0 + 1 })]).input.laterExposures).toBe(1);
  });

  test('invalid lines and foreign events are counted, not fatal', () => {
    const agg = aggregateOf(['{not json', '', JSON.stringify({ type: 'exposure', visitorId: 'x' }), JSON.stringify({ type: 'pageview', visitorId: 'x', ts: 1 }), exposure('a')]);
    expect(agg.input.invalid).toBe(3);
    expect(agg.input.lines).toBe(4);
    expect(agg.input.events.exposure).toBe(1);
  });

  test('context cells for off-policy analysis keep audiences sorted and split visitors into two folds', () => {
    const events: CandorEvent[] = [];
    for (let i = 0; i < 200; i++) events.push(exposure(`v${i}`, { audiences: ['b', 'a'] }));
    const ope = aggregateOf(events).periods[0]?.slots[0]?.ope ?? [];
    expect(ope.every((c) => c.audiences.join() === 'a,b')).toBe(true);
    const folds = ope.map((c) => c.n);
    expect(ope.length).toBe(2);
    expect(Math.min(...folds)).toBeGreaterThan(70);
    // The fold is the lowest bit of the id's MD5, which every SQL engine can compute: md5('v1') ends in f, md5('abc') in 2.
    expect([crossFitFold('v1'), crossFitFold('abc')]).toEqual([1, 0]);
    expect(aggregateOf([exposure('v1')]).periods[0]?.slots[0]?.ope[0]?.fold).toBe(1);
    expect(aggregateOf([exposure('abc')]).periods[0]?.slots[0]?.ope[0]?.fold).toBe(0);
  });

  test('trust events become visitor flags per slot; forget without a slot counts for every slot; answers join the Q4 cells', () => {
    const trust = (visitorId: string, kind: string, slot?: string, extra: object = {}) => ({ v: 1, type: 'trust', id: id(), visitorId, ts: T0, kind, ...(slot ? { slot } : {}), ...extra });
    const agg = aggregateOf([
      exposure('a'),
      exposure('a', { slot: 'pricing' }),
      JSON.stringify(trust('a', 'explanation_opened', 'hero')),
      JSON.stringify(trust('a', 'explanation_opened', 'hero')),
      JSON.stringify(trust('a', 'forget')),
      JSON.stringify(trust('a', 'ask_answered', undefined, { key: 'role', answer: 'developer' })),
    ]);
    const [hero, pricing] = [agg.periods[0]?.slots.find((s) => s.slot === 'hero'), agg.periods[0]?.slots.find((s) => s.slot === 'pricing')];
    expect(hero?.trust[0]).toMatchObject({ n: 1, explanationOpened: 1, forget: 1 });
    expect(pricing?.trust[0]).toMatchObject({ n: 1, explanationOpened: 0, forget: 1 });
    expect(agg.periods[0]?.answers).toEqual([{ answer: 'role=developer', audiences: ['developers'], n: 1, conv: [] }]);
    expect(hero?.ope[0]?.answer).toBe('role=developer');
  });

  test('answers and dismissals of a forced prompt (?candor-ask) are left out: they are not part of the random sample', () => {
    const trust = (visitorId: string, kind: string, extra: object = {}) => JSON.stringify({ v: 1, type: 'trust', id: id(), visitorId, ts: T0, kind, ...extra });
    const agg = aggregateOf([
      exposure('a'),
      exposure('b'),
      trust('a', 'ask_answered', { key: 'role', answer: 'manager', forced: true }),
      trust('a', 'ask_answered', { key: 'role', answer: 'developer' }),
      trust('b', 'ask_dismissed', { forced: true }),
    ]);
    expect(agg.periods[0]?.answers).toEqual([{ answer: 'role=developer', audiences: ['developers'], n: 1, conv: [] }]);
    expect(agg.input).toMatchObject({ invalid: 0, events: { trust: 3 } });
  });

  test('reads plain and gzip files to the same aggregate, which survives a JSON round trip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-agg-'));
    const lines = [exposure('a'), conversion('a', T0 + 5), exposure('b', { arm: 'control', experience: 'baseline' })].map((e) => JSON.stringify(e)).join('\n');
    writeFileSync(join(dir, 'e.ndjson'), lines + '\n');
    writeFileSync(join(dir, 'e.ndjson.gz'), gzipSync(lines));
    const plain = await aggregateEvents(join(dir, 'e.ndjson'));
    const gz = await aggregateEvents(join(dir, 'e.ndjson.gz'));
    expect(gz).toEqual(plain);
    expect(plain.input.events).toEqual({ exposure: 2, conversion: 1, trust: 0 });
    const roundTrip = JSON.parse(JSON.stringify(plain)) as typeof plain;
    expect(roundTrip).toEqual(plain);
    expect(analyze(roundTrip)).toEqual(analyze(plain));
    await expect(aggregateEvents(join(dir, 'missing.ndjson'))).rejects.toThrow();
  });
});
