/** What the answers say, sentence by sentence: caveats where they apply, no degenerate numbers, traffic in visitors and days. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCheck } from '../../../src/cli/check.js';
import { run as report } from '../../../src/cli/report.js';
import type { Aggregate, OpeCell } from '../../../src/report/aggregate-types.js';
import { analyze } from '../../../src/report/analyze.js';
import { renderHtml } from '../../../src/report/render-html.js';
import { renderText } from '../../../src/report/render-text.js';
import { pairedRatio, rateInterval } from '../../../src/report/stats/index.js';
import { sampleAggregate } from '../../../src/simulate/sample-aggregate.js';
import { simulateEvents } from '../../../src/simulate/simulate-events.js';

const clone = (a: Aggregate): Aggregate => JSON.parse(JSON.stringify(a)) as Aggregate;

describe('numbers a reader can trust', () => {
  test('rate intervals stay inside [0, 1] (logit scale); ratio intervals stay positive; no variation means no interval', () => {
    const [lo, hi] = rateInterval(0.03, 0.02);
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
    expect(lo).toBeLessThan(0.03);
    expect(hi).toBeGreaterThan(0.03);
    // Near the plain interval when the rate is well inside (0, 1).
    const [lo2, hi2] = rateInterval(0.3, 0.001);
    expect(lo2).toBeCloseTo(0.3 - 1.96 * 0.001, 4);
    expect(hi2).toBeCloseTo(0.3 + 1.96 * 0.001, 4);
    expect(rateInterval(0, 0.01).every(Number.isNaN)).toBe(true);
    expect(rateInterval(0.05, 0).every(Number.isNaN)).toBe(true);
    // Two policies on a uniform log over two actions: π₁ picks a (rate 0.06), π₂ picks b (rate 0.03).
    const rows = [
      { w1: 2, w2: 0, r: 1, count: 300 },
      { w1: 2, w2: 0, r: 0, count: 4700 },
      { w1: 0, w2: 2, r: 1, count: 150 },
      { w1: 0, w2: 2, r: 0, count: 4850 },
    ];
    const ratio = pairedRatio(rows);
    expect(ratio.ratio).toBeCloseTo(2, 10);
    // log-ratio se: sqrt((1−0.06)/300 + (1−0.03)/150) from the two independent halves.
    expect(ratio.seLog).toBeCloseTo(Math.sqrt(0.94 / 300 + 0.97 / 150), 3);
    expect(ratio.ci[0]).toBeGreaterThan(0);
  });

  test('losing-experience: no "+0.00 pp [+0.00 pp, +0.00 pp]" anywhere; a segmentation the learned rules ignore says "no data"', () => {
    const { aggregate, config } = sampleAggregate({ scenario: 'losing-experience', visitors: 100_000, seed: 3 });
    const r = analyze(aggregate, { config });
    const text = renderText(r);
    const html = renderHtml(r);
    for (const out of [text, html]) {
      expect(out).not.toMatch(/[+−]?0\.00 pp \[[+−]?0\.00 pp, [+−]?0\.00 pp\]/);
      expect(out).not.toMatch(/0\.0% \[[+−]?0\.0%, [+−]?0\.0%\]/);
    }
    const q3 = r.periods[0]?.q3[0];
    for (const d of q3?.dimensions ?? []) {
      if (!(d.vos.se > 0)) expect(text).toContain('no data: learned rules ignore it');
      else expect(d.vosSimultaneous[1] - d.vosSimultaneous[0]).toBeGreaterThan(d.vos.ci[1] - d.vos.ci[0]);
    }
    // Every rate interval of Q3 and Q4 is inside [0, 1].
    const rates = [q3?.currentRules, q3?.bestSingle.value, r.periods[0]?.q4[0]?.currentRulesAll, r.periods[0]?.q4[0]?.bestOnSignalsAll];
    for (const v of rates) if (v && Number.isFinite(v.ci[0])) expect(v.ci[0] >= 0 && v.ci[1] <= 1).toBe(true);
  });

  test('the adjusted p is explained next to the lifts, in text and HTML', () => {
    const { aggregate, config } = sampleAggregate({ scenario: 'losing-experience', visitors: 50_000, seed: 4 });
    const r = analyze(aggregate, { config });
    expect(renderText(r)).toMatch(/adj\. p: the chance of a lift at least this large if there were none, adjusted for every comparison in the table \(Benjamini–Hochberg\)/);
    expect(renderText(r)).toMatch(/\(noise\?\)/);
    expect(renderHtml(r)).toContain('adj. p: the chance of a lift at least this large');
  });

  test('traffic still needed is said in total visitors to the site and in days at the current traffic, not per arm', () => {
    const { aggregate, config } = sampleAggregate({ scenario: 'losing-experience', visitors: 100_000, seed: 5 });
    const r = analyze(aggregate, { config });
    const p = r.periods[0];
    const q0 = p?.q0.comparisons.find((c) => c.goal === 'signup');
    if (!p || !q0) throw new Error('no Q0');
    expect(q0.verdict).toBe('not-enough-data');
    // With a 5% holdout the whole site needs far more than one arm's worth: at least 1/0.05 times the per-arm figure… minus today's.
    expect(q0.needed.visitors).toBeGreaterThan(10 * q0.visitorsNeededPerArm);
    expect(p.perDay).toBeCloseTo(100_000 / 28, -1);
    expect(q0.needed.days).toBe(Math.ceil(q0.needed.visitors / (p.perDay ?? 1)));
    expect(r.headlines.join('\n')).toMatch(/Personalization vs the holdout: .*about [\d,]+ more visitors \(≈ [\d,]+ days at the current 3,571 visitors a day\) would tell a ±5% difference/);
    // A comparison with a verdict needs nothing more.
    const done = sampleAggregate({ scenario: 'losing-experience', visitors: 3_000_000, seed: 6, design: { control: 0.3 } });
    const worse = analyze(done.aggregate, { config: done.config }).periods[0]?.q1[0]?.experiences.find((e) => e.experience === 'ops-hero')?.comparisons.find((c) => c.goal === 'signup');
    expect(worse?.verdict).toBe('worse');
    expect(worse?.needed).toEqual({ visitors: 0, days: 0 });
  });
});

describe('caveats and verdicts in the answers', () => {
  const base = sampleAggregate({ scenario: 'wrong-categories', visitors: 400_000, seed: 8, design: { explore: 0.3 } });

  test('a sample ratio mismatch in a slot blocks Q1/Q2 and puts caveats on Q3 and Q4; in the holdout split, on Q0 and every Q3/Q4', () => {
    const clean = analyze(base.aggregate, { config: base.config });
    expect(clean.headlines.some((h) => h.startsWith('Segmenting hero by returning visitors (shadow) is worth'))).toBe(true);
    const skewed = clone(base.aggregate);
    const slot = skewed.periods[0]?.slots[0];
    if (!slot) throw new Error('no slot');
    slot.exposures.control = Math.round(slot.exposures.control * 0.9);
    const r = analyze(skewed, { config: base.config });
    const h = r.headlines.join('\n');
    expect(h).toMatch(/Sample ratio mismatch in hero, control \/ explore \/ targeted .*: Q1 and Q2 in hero are blocked and its Q3 and Q4 values may be biased/);
    expect(h).toContain('Other segmentations (hero): no verdict while a sample ratio mismatch affects this slot');
    expect(h).not.toContain('is worth');
    expect(h).toMatch(/How far from perfect \(hero\): Caution: a sample ratio mismatch affects this slot/);
    expect(h).toContain('Targeting vs random assignment in hero: no verdict while the sample ratio mismatch in hero is unresolved.');
    const holdout = clone(base.aggregate);
    const p = holdout.periods[0];
    if (!p) throw new Error('no period');
    p.groups.holdout.n = Math.round(p.groups.holdout.n * 0.8);
    const r2 = analyze(holdout, { config: base.config }).headlines.join('\n');
    expect(r2).toMatch(/Sample ratio mismatch in all slots, holdout vs rest .*: Q0 is blocked and every slot’s Q3 and Q4 values may be biased/);
    expect(r2).toContain('Other segmentations (hero): no verdict');
  });

  test('unknown config versions, a Q2 without verdict, and current rules that lose to the best single experience are answers', () => {
    const config = { ...base.config, version: 'sim-2' };
    const h = analyze(base.aggregate, { config }).headlines.join('\n');
    expect(h).toMatch(/^[\d,]+ first exposures came from config versions the given config does not name: sim-1 \([\d,]+\)\. Their design was not checked/m);
    const small = sampleAggregate({ scenario: 'aa', visitors: 20_000, seed: 9 });
    expect(analyze(small.aggregate, { config: small.config }).headlines.join('\n')).toMatch(/Targeting vs random assignment in hero: no verdict yet, .* on signup; about [\d,]+ more visitors \(≈ [\d,]+ days at the current [\d,]+ visitors a day\) would tell a ±5% difference\./);
    // Rules that send every context to the worst experience: one uniform log, two contexts, "a" good everywhere.
    const ope = (fold: 0 | 1, ctx: string, action: string, conv: number): OpeCell => ({ fold, answer: null, audiences: [ctx], eligible: ['a', 'b'], arm: 'explore', action, counterfactual: 'b', propensity: 1 / 3, n: 10_000, conv: [conv] });
    const cells: OpeCell[] = [];
    for (const fold of [0, 1] as const) for (const ctx of ['x', 'y']) cells.push(ope(fold, ctx, 'a', 500), ope(fold, ctx, 'b', 200), ope(fold, ctx, 'baseline', 300));
    const agg = clone(small.aggregate);
    const slot = agg.periods[0]?.slots[0];
    if (!slot) throw new Error('no slot');
    agg.goals = ['signup'];
    slot.ope = cells;
    const lose = analyze(agg, {}).headlines.join('\n');
    expect(lose).toMatch(/Your targeting rules in hero do worse than showing everyone one experience \(a\): −3\.00 pp \[−[\d.]+ pp, −[\d.]+ pp\] on signup/);
  });

  test('no verdict on Q2 because of a mismatch, or because nothing converted, is said as such', () => {
    const few = sampleAggregate({ scenario: 'aa', visitors: 300, seed: 10 });
    const none = clone(few.aggregate);
    none.goals = [];
    const r = analyze(none, { config: few.config });
    const text = renderText(r);
    expect(text).toContain('No conversions yet: 300 visitors over');
    expect(text).not.toContain('No exposures in the input');
    expect(text).not.toMatch(/ on \n| on \)|on \(|\bon \.$/m);
    expect(text.match(/slot · experience/g) ?? []).toHaveLength(0);
  });
});

describe('candor report --config validates the config like candor check', () => {
  test('"holdout": 5 prints check\'s problem and fix, skips the sample-ratio checks, and never blames the logging', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-config-'));
    const lines: string[] = [];
    const { config } = simulateEvents({ scenario: 'aa', visitors: 2000, seed: 12 }, (e) => lines.push(JSON.stringify(e)));
    writeFileSync(join(dir, 'e.ndjson'), lines.join('\n'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...config, holdout: 5 }));
    const checked: string[] = [];
    expect(await runCheck([join(dir, 'bad.json')], { out: (s) => checked.push(s), err: (s) => checked.push(s), readFile: (p) => Promise.resolve(readFileSync(p, 'utf8')) })).toBe(1);
    const out: string[] = [];
    const err: string[] = [];
    expect(await report([join(dir, 'e.ndjson'), '--config', join(dir, 'bad.json')], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) })).toBe(0);
    // The same messages as candor check, line for line.
    for (const line of checked.join('\n').split('\n')) expect(err.join('')).toContain(line);
    expect(err.join('')).toContain('share-out-of-range');
    const text = out.join('');
    expect(text).not.toMatch(/Sample ratio mismatch|MISMATCH|blocked until the logging is fixed/);
    expect(text).toContain('Sample-ratio checks skipped: the config given with --config has 1 problem');
    expect(text).toContain('The config given with --config has 1 problem');
    // Not JSON at all: exit 2 with check's message.
    writeFileSync(join(dir, 'broken.json'), '{ "holdout": 0.05, }');
    const err2: string[] = [];
    expect(await report([join(dir, 'e.ndjson'), '--config', join(dir, 'broken.json')], { stdout: () => undefined, stderr: (t) => err2.push(t) })).toBe(2);
    expect(err2.join('')).toContain('invalid-json');
    expect(err2.join('')).toMatch(/The file is not valid JSON \(line 1, column \d+\)/);
  });
});
