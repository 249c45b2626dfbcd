/**
 * The two ways the simulator's fast path draws a site's visitors (sampleAggregate): by cells (a multinomial count for
 * each block of identical visitors, then binomial conversions: cost grows with the blocks, not the visitors), or one
 * visitor at a time (needed for extra shadow audiences, and for days of first exposure).
 */

import type { Arm } from '../core/types.js';
import { binomialDraw, multinomialDraw } from './draws.js';
import { SEGMENTS, type Action, type Scenario } from './scenarios.js';
import { ACTIONS, type SampleRecorder } from './sample-recorder.js';

/** What both draws need: the world, the design, and the random stream. */
export interface DrawSetting {
  scenario: Scenario;
  random: () => number;
  /** Holdout, control and explore shares. */
  h: number;
  c: number;
  eps: number;
  /** Share of visitors invited to self-identify. */
  askShare: number;
  /** Days of traffic (one-by-one draws only). */
  days: number;
  /** Extra shadow audiences and the prevalence of each (one-by-one draws only). */
  shadows: number;
  prevalence: readonly number[];
}

/**
 * Draws `visitors` visitors by cells into the recorder (no days of first exposure).
 * @example drawByCells(setting, recorder, 1_000_000)
 */
export function drawByCells({ scenario, random, h, c, eps, askShare }: DrawSetting, recorder: SampleRecorder, visitors: number): void {
  const shares = scenario.segmentShares;
  // Cell path: every (segment, returning, guess, arm, action, fold, answered) block gets its multinomial count, then
  // binomial conversions per goal. Cost grows with the number of blocks, not with visitors.
  const blocks: { p: number; segment: number; returning: boolean; guess: number; arm: Arm; action: Action; fold: 0 | 1; answered: boolean }[] = [];
  shares.forEach((share, segment) => {
    for (const returning of [false, true]) {
      for (let guess = 0; guess < SEGMENTS.length; guess++) {
        const pContext = share * (returning ? scenario.returningShare : 1 - scenario.returningShare) * (guess === segment ? scenario.signalAccuracy : (1 - scenario.signalAccuracy) / (SEGMENTS.length - 1));
        const cf: Action = SEGMENTS[guess]?.experience ?? 'baseline';
        const arms: [Arm, Action, number][] = [
          ['holdout', 'baseline', h],
          ['control', 'baseline', (1 - h) * c],
          ...ACTIONS.map((a): [Arm, Action, number] => ['explore', a, ((1 - h) * eps) / ACTIONS.length]),
          ['targeted', cf, (1 - h) * (1 - c - eps)],
        ];
        const pAnswer = Math.min(1, askShare * (scenario.respond?.(segment, returning) ?? 1));
        for (const [arm, action, pArm] of arms) {
          for (const fold of [0, 1] as const) {
            for (const answered of [false, true]) blocks.push({ p: pContext * pArm * 0.5 * (answered ? pAnswer : 1 - pAnswer), segment, returning, guess, arm, action, fold, answered });
          }
        }
      }
    }
  });
  const counts = multinomialDraw(random, visitors, blocks.map((b) => b.p));
  blocks.forEach((b, i) => {
    const m = counts[i] ?? 0;
    if (m === 0) return;
    recorder.conv[0] = binomialDraw(random, m, scenario.rate(b.segment, b.returning, b.action));
    recorder.conv[1] = binomialDraw(random, m, scenario.newsletterRate);
    recorder.record(m, b.arm, b.action, b.guess, b.returning ? 1 : 0, b.fold, b.answered ? b.segment : -1, null);
  });

}

/**
 * Draws `visitors` visitors one at a time into the recorder, each with a day of first exposure.
 * @example drawOneByOne(setting, recorder, 10_000)
 */
export function drawOneByOne({ scenario, random, h, c, eps, askShare, days, shadows, prevalence }: DrawSetting, recorder: SampleRecorder, visitors: number): void {
  const shares = scenario.segmentShares;
  const pick = (): number => {
    let u = random();
    for (let i = 0; i < shares.length; i++) {
      u -= shares[i] ?? 0;
      if (u < 0) return i;
    }
    return shares.length - 1;
  };
  for (let v = 0; v < visitors; v++) {
    const segment = pick();
    const returning = random() < scenario.returningShare;
    const guess = random() < scenario.signalAccuracy ? segment : (segment + 1 + Math.floor(random() * (SEGMENTS.length - 1))) % SEGMENTS.length;
    let mask = returning ? 1 : 0;
    for (let k = 0; k < shadows; k++) if (random() < (prevalence[k] ?? 0)) mask |= 2 << k;
    const counterfactual: Action = SEGMENTS[guess]?.experience ?? 'baseline';
    let arm: Arm;
    let action: Action;
    if (random() < h) {
      arm = 'holdout';
      action = 'baseline';
    } else {
      const u = random();
      if (u < c) {
        arm = 'control';
        action = 'baseline';
      } else if (u < c + eps) {
        arm = 'explore';
        action = ACTIONS[Math.floor(random() * ACTIONS.length)] ?? 'baseline';
      } else {
        arm = 'targeted';
        action = counterfactual;
      }
    }
    const fold: 0 | 1 = random() < 0.5 ? 0 : 1;
    const answered = random() < askShare * (scenario.respond?.(segment, returning) ?? 1) ? segment : -1;
    recorder.conv[0] = random() < scenario.rate(segment, returning, action) ? 1 : 0;
    recorder.conv[1] = random() < scenario.newsletterRate ? 1 : 0;
    const day = Math.floor(random() * days);
    recorder.record(1, arm, action, guess, mask, fold, answered, day);

  }
}
