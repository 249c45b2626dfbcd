/**
 * Forged events: the collector accepts anything the schema allows, and files can be edited. None of it may crash the
 * report, stretch its period, or make it slow or huge. Timings here are loose bounds; bench/report-names.js measures.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run as report } from '../../../src/cli/report.js';
import { aggregateEvents, createAggregator } from '../../../src/report/aggregate-events.js';
import { analyze } from '../../../src/report/analyze.js';
import { renderHtml } from '../../../src/report/render-html.js';
import { renderText } from '../../../src/report/render-text.js';
import { simulateEvents } from '../../../src/simulate/simulate-events.js';

const T0 = Date.UTC(2026, 0, 5);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 1);

/** A small real site (3,000 visitors, losing-experience) as NDJSON lines, and its config. */
function site(): { lines: string[]; config: ReturnType<typeof simulateEvents>['config'] } {
  const lines: string[] = [];
  const { config } = simulateEvents({ scenario: 'losing-experience', visitors: 3000, seed: 77 }, (e) => lines.push(JSON.stringify(e)));
  return { lines, config };
}

const exposure = (visitorId: string, over: Record<string, unknown> = {}): string =>
  JSON.stringify({
    v: 1,
    type: 'exposure',
    id: `f-${visitorId}`.slice(0, 64).padEnd(8, 'x'),
    visitorId,
    ts: T0 + DAY,
    decisionId: 'd',
    slot: 'hero',
    configVersion: 'sim-1',
    hashVersion: 1,
    salt: 'sim-2026q1',
    arm: 'targeted',
    experience: 'dev-hero',
    counterfactual: 'dev-hero',
    propensity: 0.78375,
    eligible: ['dev-hero', 'manager-hero', 'ops-hero'],
    audiences: ['developers'],
    tier: 'relationship',
    gpc: false,
    ...over,
  });
const conversion = (visitorId: string, goal: string, ts = T0 + DAY + 1000): string => JSON.stringify({ v: 1, type: 'conversion', id: `c-${visitorId}-${goal}`.slice(0, 64), visitorId, ts, goal });

function reportOn(lines: string[], config?: ReturnType<typeof simulateEvents>['config']): { text: string; html: string; ms: number; report: ReturnType<typeof analyze> } {
  const started = performance.now();
  const a = createAggregator({ now: NOW });
  for (const line of lines) a.addLine(line);
  const r = analyze(a.finish(), { config });
  const text = renderText(r);
  const html = renderHtml(r);
  return { text, html, ms: performance.now() - started, report: r };
}

describe('forged times', () => {
  test('ts 1e300, 0, negative, or far in the future is invalid: the report works and its period stays the real one', () => {
    const { lines, config } = site();
    const forged = [exposure('t1', { ts: 1e300 }), exposure('t2', { ts: 0 }), exposure('t3', { ts: -5 }), exposure('t4', { ts: NOW + 2 * DAY }), conversion('t5', 'signup', 1e300)];
    const { text, report: r } = reportOn([...forged, ...lines], config);
    expect(r.input.timeOutOfRange).toBe(5);
    expect(r.input.invalid).toBe(5);
    expect(r.periods[0]?.from.slice(0, 10)).toBe('2026-01-05');
    expect(r.periods[0]?.quality.days).toBeLessThan(30);
    expect(text).toContain('5 invalid lines (5 with a time outside 2020-01-01 … now + 1 day)');
    expect(r.warnings.some((w) => w.includes('5 events had a time outside 2020-01-01'))).toBe(true);
    // Just inside the window is fine.
    const ok = reportOn([exposure('t6', { ts: NOW + DAY - 1 }), exposure('t7', { ts: Date.UTC(2020, 0, 1) })]);
    expect(ok.report.input.invalid).toBe(0);
  });
});

describe('forged names', () => {
  test('slots, audiences, goals, experiences, versions and salts named __proto__, constructor, toString or hasOwnProperty are names like any other, with and without --config', async () => {
    const { lines, config } = site();
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    // 50 visitors per forged slot: enough to be analysed (≥ 1% of the busiest slot), so every lookup by its name runs.
    const forged = names.flatMap((n, i) => [
      ...Array.from({ length: 50 }, (_, k) => exposure(`p${i}-${k}`, { slot: n })),
      exposure(`q${i}`, { audiences: [n], experience: n, counterfactual: n, configVersion: n }),
      exposure(`s${i}`, { salt: n }),
      conversion(`q${i}`, n),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'candor-hostile-'));
    writeFileSync(join(dir, 'e.ndjson'), [...lines, ...forged].join('\n'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    for (const args of [['--config', join(dir, 'config.json')], []]) {
      const out: string[] = [];
      const err: string[] = [];
      expect(await report([join(dir, 'e.ndjson'), ...args, '--html', join(dir, 'r.html')], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) })).toBe(0);
      expect(err.join('')).not.toMatch(/TypeError|at .*\(/);
      const text = out.join('');
      for (const n of names) expect(text).toContain(n);
      if (args.length > 0) {
        expect(text).toMatch(/slots the (given )?config does not name: .*__proto__/);
        expect(text).toMatch(/config versions the given config does not name: .*constructor/);
      }
    }
    // The aggregate keeps them as own keys and survives a JSON round trip.
    const agg = await aggregateEvents(join(dir, 'e.ndjson'), { now: NOW });
    expect(Object.keys(agg.input.configVersions)).toEqual(expect.arrayContaining(names));
    expect(agg.goals).toEqual(expect.arrayContaining(names));
    const back = JSON.parse(JSON.stringify(agg)) as typeof agg;
    expect(analyze(back, { config }).input.configVersions).toEqual(analyze(agg, { config }).input.configVersions);
    expect(Object.getPrototypeOf(agg.input.configVersions)).not.toBe(Array.prototype);
  });

  test('a byte-order mark at the start of the file (or of a line) is skipped, not an invalid first event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-bom-'));
    writeFileSync(join(dir, 'e.ndjson'), '\ufeff' + [exposure('a'), exposure('b'), '\ufeff' + exposure('c')].join('\n') + '\n');
    const agg = await aggregateEvents(join(dir, 'e.ndjson'), { now: NOW });
    expect(agg.input.invalid).toBe(0);
    expect(agg.input.events.exposure).toBe(3);
    expect(readFileSync(join(dir, 'e.ndjson'))[0]).toBe(0xef);
  });
});

describe('10,000 distinct names report quickly, in bounded output', () => {
  const { lines, config } = site();
  const N = 10_000;
  const cases: [string, () => string[], RegExp][] = [
    ['slots', () => Array.from({ length: N }, (_, i) => exposure(`slot${i}`, { slot: `forged-slot-${i}` })), /more slots/],
    ['audiences', () => Array.from({ length: N }, (_, i) => exposure(`aud${i}`, { audiences: [`forged-audience-${i}`] })), /more logged audiences/],
    ['goals', () => Array.from({ length: N }, (_, i) => [exposure(`goal${i}`), conversion(`goal${i}`, `forged-goal-${i}`)]).flat(), /goals beyond the/],
    ['salts', () => Array.from({ length: N }, (_, i) => exposure(`salt${i}`, { salt: `forged-salt-${i}` })), /more periods \(salts\)/],
    ['experiences', () => Array.from({ length: N }, (_, i) => exposure(`exp${i}`, { experience: `forged-exp-${i}`, counterfactual: `forged-exp-${i}` })), /Sample ratio mismatch in hero/],
    ['audiences in one event', () => [exposure('many', { audiences: Array.from({ length: N }, (_, i) => `a${i}`) })], /more logged audiences/],
  ];
  for (const [name, forge, warning] of cases) {
    test(`${name}: under 30 s (target 10 s, see bench), HTML under 2 MB, text under 200 kB, a warning that says what was left out`, () => {
      const { text, html, ms, report: r } = reportOn([...lines, ...forge()], config);
      expect(ms).toBeLessThan(30_000);
      expect(html.length).toBeLessThan(2_000_000);
      expect(text.length).toBeLessThan(200_000);
      expect([...r.warnings, ...text.split('\n')].some((w) => warning.test(w))).toBe(true);
      // The real site is still analysed: its slot, its goal.
      expect(r.periods.some((p) => p.q1.some((s) => s.slot === 'hero'))).toBe(true);
      expect(r.goalsAnalysed).toContain('signup');
    }, 120_000);
  }
});
