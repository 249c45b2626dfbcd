import { describe, expect, test } from 'vitest';
import type { Aggregate, ArmCell, OpeCell, PeriodAggregate, SlotAggregate } from '../../../src/report/aggregate-types.js';
import { alwaysValidP, type CompareSettings } from '../../../src/report/analyses/compare-arms.js';
import { dataQuality } from '../../../src/report/analyses/data-quality.js';
import { q1Experiences } from '../../../src/report/analyses/q1-experiences.js';
import { q3Segmentation } from '../../../src/report/analyses/q3-segmentation.js';
import { confusionMatrix, q4Bracket } from '../../../src/report/analyses/q4-bracket.js';
import { analyze } from '../../../src/report/analyze.js';
import { renderHtml } from '../../../src/report/render-html.js';
import { renderJson, renderText } from '../../../src/report/render-text.js';
import { asymptoticConfidenceSequence } from '../../../src/report/stats/index.js';

const S: CompareSettings = { alpha: 0.05, nStar: 5000, minEffect: 0.05, days: 28 };
const SIGNUP = [{ name: 'signup', index: 0 }];
const cell = (arm: ArmCell['arm'], experience: string, counterfactual: string, n: number, conv: number): ArmCell => ({ arm, experience, counterfactual, n, conv: [conv], sum: [conv], sumSq: [conv] });
const slotOf = (cells: ArmCell[], ope: OpeCell[] = []): SlotAggregate => {
  const exposures = { holdout: 0, control: 0, explore: 0, targeted: 0 };
  for (const c of cells) exposures[c.arm] += c.n;
  return { slot: 'hero', exposures, configVersions: { v1: 1 }, cells, ope, trust: [] };
};
const periodOf = (slot: SlotAggregate, holdout = 500, rest = 9500): PeriodAggregate => ({
  salt: 'q1',
  firstTs: Date.UTC(2026, 0, 1),
  lastTs: Date.UTC(2026, 0, 29),
  visitors: holdout + rest,
  groups: { holdout: { n: holdout, conv: [15], sum: [15], sumSq: [15] }, rest: { n: rest, conv: [300], sum: [300], sumSq: [300] } },
  days: [],
  slots: [slot],
  answers: [],
});

describe('Q1 verdicts', () => {
  const verdict = (control: [number, number], targeted: [number, number], s = S) =>
    q1Experiences(slotOf([cell('control', 'baseline', 'e', ...control), cell('targeted', 'e', 'e', ...targeted)]), SIGNUP, s, false).experiences[0];

  test('better, worse (demote), no meaningful difference, not enough data', () => {
    expect(verdict([20_000, 600], [20_000, 900])?.comparisons[0]?.verdict).toBe('better');
    const worse = verdict([20_000, 900], [20_000, 600]);
    expect(worse?.comparisons[0]?.verdict).toBe('worse');
    expect(worse?.demote).toBe(true);
    expect(verdict([2_000_000, 60_000], [2_000_000, 60_100])?.comparisons[0]?.verdict).toBe('no-difference');
    expect(verdict([2_000, 60], [2_000, 66])?.comparisons[0]?.verdict).toBe('not-enough-data');
    // Fewer than 25 conversions in an arm, or fewer than 7 days: no verdict even for a big effect.
    expect(verdict([1_000, 20], [1_000, 200])?.comparisons[0]?.verdict).toBe('not-enough-data');
    expect(verdict([20_000, 600], [20_000, 900], { ...S, days: 5 })?.comparisons[0]?.verdict).toBe('not-enough-data');
  });

  test('control is matched on the counterfactual: other experiences’ controls do not dilute it', () => {
    const q1 = q1Experiences(
      slotOf([cell('control', 'baseline', 'e', 20_000, 600), cell('control', 'baseline', 'f', 20_000, 1200), cell('targeted', 'e', 'e', 20_000, 600)]),
      SIGNUP,
      S,
      false,
    );
    const e = q1.experiences.find((x) => x.experience === 'e')?.comparisons[0];
    expect(e?.control).toEqual({ n: 20_000, conversions: 600, rate: 0.03 });
    expect(e?.relative.estimate).toBeCloseTo(0, 10);
  });

  test('an SRM blocks the verdicts', () => {
    expect(q1Experiences(slotOf([cell('control', 'baseline', 'e', 20_000, 600), cell('targeted', 'e', 'e', 20_000, 900)]), SIGNUP, S, true).experiences[0]?.comparisons[0]?.verdict).toBe('blocked');
  });

  test('the always-valid p is where the confidence sequence touches 0, and the BH-adjusted interval agrees with the verdict', () => {
    const c = verdict([20_000, 600], [20_000, 690])?.comparisons[0];
    if (!c) throw new Error('no comparison');
    const [lo] = asymptoticConfidenceSequence(c.relative.estimate, c.relative.se, 40_000, 5000, c.relative.p);
    expect(lo).toBeCloseTo(0, 6);
    expect(alwaysValidP(0, 0.1, 100, 5000)).toBe(1);
    expect(c.ciAdjusted[0] > 0).toBe(c.pAdjusted < 0.05);
  });
});

describe('data quality', () => {
  test('sample ratio checks use the designed shares and name the split; without a design they are skipped with a note', () => {
    const slot = slotOf([cell('holdout', 'baseline', 'e', 500, 15), cell('control', 'baseline', 'e', 1000, 30), cell('explore', 'e', 'e', 1000, 30), cell('targeted', 'e', 'e', 7500, 200)]);
    const design = { holdout: 0.05, slots: { hero: { control: 0.1, explore: 0.1 } }, versions: ['v1', 'v0'] };
    const ok = dataQuality(periodOf(slot), design, 0.001);
    expect(ok.srm?.flatMap((s) => s.checks.map((c) => c.mismatch))).toEqual([false, false, false]);
    const skewed = slotOf([cell('holdout', 'baseline', 'e', 500, 15), cell('control', 'baseline', 'e', 700, 30), cell('explore', 'e', 'e', 1000, 30), cell('targeted', 'e', 'e', 7500, 200)]);
    const bad = dataQuality(periodOf(skewed), design, 0.001);
    expect(bad.srm?.find((s) => s.scope === 'hero')?.checks.find((c) => c.split === 'control / explore / targeted')?.mismatch).toBe(true);
    expect(dataQuality(periodOf(slot), undefined, 0.001)).toMatchObject({ srm: null, srmNote: expect.stringContaining('--config') as unknown });
    expect(dataQuality(periodOf(slot), { ...design, versions: ['v2'] }, 0.001).unknownConfigVersions).toEqual({ v1: 1 });
  });
});

describe('off-policy analyses', () => {
  // Two contexts (in / out of audience "x"), uniform logging over baseline and "a": "a" helps only inside x.
  const ope = (fold: 0 | 1, inside: boolean, action: string, n: number, conv: number, answer: string | null = null): OpeCell => ({
    fold,
    answer,
    audiences: inside ? ['x'] : ['y'],
    eligible: ['a'],
    arm: 'explore',
    action,
    counterfactual: 'baseline',
    propensity: 0.5,
    n,
    conv: [conv],
  });
  const cells: OpeCell[] = [];
  for (const fold of [0, 1] as const) {
    cells.push(ope(fold, true, 'a', 5000, 400), ope(fold, true, 'baseline', 5000, 200), ope(fold, false, 'a', 5000, 200), ope(fold, false, 'baseline', 5000, 250));
  }

  test('Q3: the dimension that moderates the effect ranks first, with the policy it implies and a Cochran Q rejection', () => {
    const q3 = q3Segmentation(slotOf([], cells), ['signup'], 0, undefined);
    const top = q3.dimensions[0];
    expect(['x', 'y']).toContain(top?.audience);
    expect(q3.currentRules.value).toBeCloseTo(0.045, 6); // the rules show the baseline: (0.04 + 0.05) / 2
    // Best single: "a" gives (0.08 + 0.04)/2 = 0.06; by x: 0.08 inside, 0.05 outside → 0.065.
    expect(q3.bestSingle.experience).toBe('a');
    expect(top?.vos.value).toBeCloseTo(0.005, 6);
    expect(top?.vosInSample.value).toBeCloseTo(0.005, 6);
    expect(top?.moderation.p).toBeLessThan(1e-6);
    expect(q3.enoughData).toBe(true);
  });

  test('Q4: without answers the gap to the best rule on these signals is still given, the perfect world is not; the confusion matrix counts declared vs inferred', () => {
    const q4 = q4Bracket(slotOf([], cells), ['signup'], 0, undefined);
    expect(q4.answered).toBe(0);
    expect(q4.perfectWorld).toBeNull();
    expect(q4.reachOfPerfect).toBeNull();
    // The rules show the baseline (0.045); the best rule on these signals shows "a" inside x and the baseline outside (0.065).
    expect(q4.reachOfBest.ratio).toBeCloseTo(0.045 / 0.065, 6);
    expect(q4.reachOfBest.ci[0]).toBeLessThan(0.045 / 0.065);
    expect(q4.reachOfBest.ci[1]).toBeLessThan(1);
    expect(q4.note).toMatch(/^Your rules reach 69% \[\d+%, \d+%\] of what the best rule on these signals would/);
    expect(q4.note).toContain('nobody answered the self-identification prompt');
    expect(q4.note).not.toContain('Respondents differ');
    const m = confusionMatrix(
      [
        { answer: 'role=dev', audiences: ['developers'], n: 8, conv: [0] },
        { answer: 'role=dev', audiences: ['managers'], n: 2, conv: [0] },
        { answer: 'role=manager', audiences: ['managers', 'returning'], n: 5, conv: [0] },
      ],
      { key: 'role', segments: { dev: ['developers'], manager: ['managers'] } },
    );
    expect(m[0]).toMatchObject({ key: 'role', answers: ['dev', 'manager'], audiences: ['developers', 'managers', 'returning'], counts: [[8, 2, 0], [0, 5, 5]], totals: [10, 5], recall: [0.8, 1] });
  });

  test('Q4 with answers: the bracket is estimated on the respondents', () => {
    const answered = cells.map((c) => ({ ...c, answer: c.audiences.includes('x') ? 'role=dev' : 'role=ops' }));
    const q4 = q4Bracket(slotOf([], answered), ['signup'], 0, undefined);
    expect(q4.answered).toBe(40_000);
    expect(q4.enoughData).toBe(true);
    expect(q4.perfectWorld?.value).toBeCloseTo(0.065, 6);
    expect(q4.bestOnSignals?.value).toBeCloseTo(0.065, 6);
    expect(q4.currentRules?.value).toBeCloseTo(0.045, 6);
  });
});

describe('analyze and render', () => {
  const slot = slotOf([cell('holdout', 'baseline', 'e', 500, 15), cell('control', 'baseline', 'e', 1000, 30), cell('explore', 'e', 'e', 1000, 30), cell('targeted', 'e', 'e', 7500, 200)]);
  const aggregate: Aggregate = {
    v: 1,
    windowDays: 7,
    goals: ['signup'],
    input: { lines: 10, events: { exposure: 10, conversion: 0, trust: 0 }, invalid: 0, duplicates: 0, laterExposures: 0, conversionsCapped: 0, visitorsWithoutExposure: 0, configVersions: {} },
    periods: [{ ...periodOf(slot), days: [{ day: '2026-01-01', holdout: { n: 5, conv: [1], sum: [1], sumSq: [1] }, rest: { n: 95, conv: [3], sum: [3], sumSq: [3] } }, { day: '2026-01-02', holdout: { n: 5, conv: [0], sum: [0], sumSq: [0] }, rest: { n: 95, conv: [4], sum: [4], sumSq: [4] } }] }],
  };

  test('text, JSON and a self-contained HTML report', () => {
    const report = analyze(aggregate);
    const text = renderText(report);
    expect(text).toContain('ANSWERS');
    expect(text).toContain('Sample-ratio checks skipped');
    for (const q of ['Q0', 'Q1', 'Q2', 'Q3', 'Q4', 'TRUST']) expect(text).toContain(q);
    expect(JSON.parse(renderJson(report))).toMatchObject({ v: 1, goals: ['signup'] });
    const html = renderHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    // Self-contained: no script, nothing fetched; the only <link> is the favicon, a data URI.
    expect(html).not.toMatch(/<script|(?:src|href)="(?!data:)/);
    expect([...html.matchAll(/<link [^>]*>/g)].map((m) => m[0])).toEqual([expect.stringMatching(/^<link rel="icon" href="data:image\/svg\+xml,/)]);
  });

  test('text from the page never becomes markup in the HTML report', () => {
    const evil = { ...aggregate, goals: ['<img src=x onerror=alert(1)>'] };
    expect(renderHtml(analyze(evil))).not.toContain('<img');
  });
});
