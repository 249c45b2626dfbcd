import type { AskConfig } from '../../core/types.js';
import type { AnswerCell, SlotAggregate } from '../aggregate-types.js';
import { count, pct, pValue } from '../format.js';
import { own } from '../own.js';
import { NONRESPONSE_ALPHA, type Confusion, type PolicyValue, type Q4Slot, type RatioValue } from '../report-types.js';
import { normalCdf } from '../stats/index.js';
import { currentRules, learnPolicy, loggedRows, policyRatio, policyValue, type LoggedRow, type Policy } from './policy-values.js';
import { Q3_MIN_CONVERSIONS } from './q3-segmentation.js';

/** Below these, the perfect-world estimate is reported as "not enough data". */
export const Q4_MIN_ANSWERED = 1000;
export const Q4_MIN_CONVERSIONS = 50;
/** A context key needs this many training visitors before a policy uses its own ranking (else it falls back). */
const MIN_KEY_VISITORS = 30;
/** At most this many answers and audiences in the confusion matrix (the most frequent; the rest are counted). */
export const MAX_CONFUSION_ANSWERS = 20;
export const MAX_CONFUSION_AUDIENCES = 12;

const signalKey = (r: LoggedRow): string => r.context;
const answerKey = (r: LoggedRow): string => r.answer ?? '';
const onAnswered = (rows: readonly LoggedRow[]): LoggedRow[] => rows.filter((r) => r.answer !== null);

/** The rule "best on these signals": the best experience per logged context, learned on `train`. */
export const learnSignalsPolicy = (train: readonly LoggedRow[]): Policy => learnPolicy(train, signalKey);

/**
 * The rule of a "perfect world" (docs/measurement.md §4.4: the best policy if the true segment S were known): the best
 * experience per declared answer, learned on the answered visitors of `train` (an answer with too few respondents
 * falls back to the signals rule). Where the respondents do not show an experience clearly better than what the
 * signals rule picks (learned from every visitor), it keeps the signals rule's pick: knowing who is who should never
 * make the rule worse for want of answers. Keyed by the answer alone, not answer × audiences: respondents are few, and
 * every split of them leaves each part too few to learn from.
 */
export function learnWorldPolicy(train: readonly LoggedRow[]): Policy {
  const signals = learnSignalsPolicy(train);
  const answered = onAnswered(train);
  return learnPolicy(answered, answerKey, signals, MIN_KEY_VISITORS, signals);
}

/**
 * The split Q4 learns and measures on: rules are learned on the visitors of fold 1 and valued on those of fold 0
 * (the aggregator's hash of the visitor id). One split, not both swapped and averaged: the two halves of a swapped
 * estimate are correlated through the learned rules (each half's data both trains one rule and values the other),
 * and that makes the usual interval too narrow when the rules are unstable, as argmax rules on noisy data are.
 * Exported with the learned rules so simulations can compute their exact true values.
 */
export function q4Split(rows: readonly LoggedRow[]): { learn: LoggedRow[]; measure: LoggedRow[]; signals: Policy; world: Policy } {
  const learn = rows.filter((r) => r.fold === 1);
  const measure = rows.filter((r) => r.fold === 0);
  return { learn, measure, signals: learnSignalsPolicy(learn), world: learnWorldPolicy(learn) };
}

/**
 * Q4, per slot and goal: how far are the current rules from the best? Three policy values
 * (docs/measurement.md §4.4), each cross-fitted where it is learned (a rule learned on one half of the visitors, valued on
 * the other half):
 * - current rules: the logged counterfactual;
 * - best on these signals: the best experience per logged context (audience set);
 * - perfect world: the best experience per declared answer and context, learned on the visitors who answered the
 *   random self-identification prompt, so it is valued on them.
 *
 * The gap in plain words: "your rules reach X % of what the best rule on these signals would" (V(current)/V(best),
 * on every visitor) "and Y % of a perfect world" (V(current)/V(perfect), on respondents), each a paired ratio with a
 * log-scale interval. The expected order V(current) ≤ V(best) ≤ V(perfect) is not forced: learned rules are noisy, so
 * where estimates cross, the note says so and why. Respondents are compared with the other visitors on the same
 * estimand (V(current rules), independent groups, z test); only when they differ at p < {@link NONRESPONSE_ALPHA}
 * does the note warn of non-response bias. In-sample values (optimistic) are given beside the cross-fitted ones.
 */
export function q4Bracket(slot: SlotAggregate, goals: string[], g: number, holdout: number | undefined, options: { srmCaveat?: boolean } = {}): Q4Slot {
  const rows = loggedRows(slot.ope, g, holdout);
  const answered = onAnswered(rows);
  const others = rows.filter((r) => r.answer === null);
  const sum = (list: readonly LoggedRow[], f: (r: LoggedRow) => number): number => list.reduce((t, r) => t + f(r), 0);
  const nAnswered = sum(answered, (r) => r.n);
  const cAnswered = sum(answered, (r) => r.conv);
  const enough = nAnswered >= Q4_MIN_ANSWERED && cAnswered >= Q4_MIN_CONVERSIONS;
  const enoughSignals = sum(rows, (r) => r.conv) >= Q3_MIN_CONVERSIONS;
  const { measure, signals, world } = q4Split(rows);
  const measured = onAnswered(measure);
  const some = measured.length > 0;

  let nonResponse: Q4Slot['nonResponse'] = null;
  if (some && others.length > 0) {
    const respondents = policyValue(answered, currentRules);
    const rest = policyValue(others, currentRules);
    const difference = respondents.value - rest.value;
    const se = Math.sqrt(respondents.se ** 2 + rest.se ** 2);
    const p = se > 0 && Number.isFinite(difference) ? 2 * normalCdf(-Math.abs(difference) / se) : 1;
    nonResponse = { respondents, others: rest, difference, p, differ: enough && p < NONRESPONSE_ALPHA };
  }

  const q4: Q4Slot = {
    slot: slot.slot,
    goal: goals[g] ?? '',
    answered: nAnswered,
    answeredConversions: cAnswered,
    currentRules: some ? policyValue(measured, currentRules) : null,
    bestOnSignals: some ? policyValue(measured, signals) : null,
    bestOnSignalsInSample: some ? policyValue(answered, learnSignalsPolicy(rows)) : null,
    perfectWorld: some ? policyValue(measured, world) : null,
    perfectWorldInSample: some ? policyValue(answered, learnWorldPolicy(rows)) : null,
    bestOnSignalsAll: policyValue(measure, signals),
    bestOnSignalsAllInSample: policyValue(rows, learnSignalsPolicy(rows)),
    currentRulesAll: policyValue(rows, currentRules),
    reachOfBest: policyRatio(measure, currentRules, signals),
    reachOfPerfect: some ? policyRatio(measured, currentRules, world) : null,
    nonResponse,
    enoughData: enough,
    enoughDataSignals: enoughSignals,
    srmCaveat: options.srmCaveat ?? false,
    note: '',
  };
  q4.note = bracketNote(q4);
  return q4;
}

const ratioText = (r: RatioValue): string => `${pct(r.ratio, 0)} [${pct(r.ci[0], 0)}, ${pct(r.ci[1], 0)}]`;
const defined = (r: RatioValue | null): r is RatioValue => r !== null && Number.isFinite(r.ratio) && Number.isFinite(r.ci[0]) && Number.isFinite(r.ci[1]);
const below = (a: PolicyValue | null, b: PolicyValue | null): boolean => !!a && !!b && Number.isFinite(a.value) && Number.isFinite(b.value) && a.value < b.value;
/** Whether two values' intervals overlap (or either has none): their difference is within noise. */
const overlap = (a: PolicyValue, b: PolicyValue): boolean => !(Number.isFinite(a.ci[1]) && Number.isFinite(b.ci[0]) && (a.ci[1] < b.ci[0] || b.ci[1] < a.ci[0]));

function bracketNote(q: Q4Slot): string {
  const out: string[] = [];
  if (q.srmCaveat) out.push('Caution: a sample ratio mismatch affects this slot, so the logged propensities, and every value below, may be biased.');
  // 1. Against the best rule on these signals: every visitor.
  if (!q.enoughDataSignals) out.push('Not enough data for the gap to the best rule on these signals yet: it means something from 100 conversions in the slot on.');
  else if (!defined(q.reachOfBest)) out.push('The gap to the best rule on these signals cannot be measured: the rules learned from these data show what your rules show on every visitor.');
  else {
    const r = q.reachOfBest;
    let s = `Your rules reach ${ratioText(r)} of what the best rule on these signals would (a rule learned from half of the visitors, measured on the other half)`;
    if (r.ci[0] > 1) s += '; no rule learned from these signals beats yours: the learned rules are noisier than yours at this sample, so read it as "your rules are as good as these data can tell"';
    else if (r.ci[1] >= 1) s += ', within noise of it';
    out.push(s + '.');
  }
  // 2. Against a perfect world: respondents only.
  if (q.answered === 0) out.push('How far from a perfect world cannot be measured: nobody answered the self-identification prompt. Turn on `ask` in the config.');
  else if (!q.enoughData) {
    out.push(
      `How far from a perfect world needs more answers: ${count(q.answered)} visitors answered the self-identification prompt, with ${count(q.answeredConversions)} conversions; it means something from ${count(Q4_MIN_ANSWERED)} answers and ${count(Q4_MIN_CONVERSIONS)} conversions on.`,
    );
  } else if (!defined(q.reachOfPerfect)) out.push(`How far from a perfect world cannot be measured on these ${count(q.answered)} respondents: the rules involved show the same experiences to all of them.`);
  else {
    const r = q.reachOfPerfect;
    out.push(`On the ${count(q.answered)} visitors who said who they are, your rules reach ${ratioText(r)} of a perfect world in which you knew who is who${r.ci[1] >= 1 ? ' (within noise of it)' : ''}.`);
    // 3. Where the estimates cross the expected order (current ≤ best on signals ≤ perfect world), say why.
    const crossing = below(q.perfectWorld, q.currentRules) ? q.currentRules : below(q.perfectWorld, q.bestOnSignals) ? q.bestOnSignals : null;
    if (crossing && q.perfectWorld) {
      const what = crossing === q.currentRules ? 'your rules' : 'the best rule on these signals';
      const head = `On respondents the perfect-world estimate (${pct(q.perfectWorld.value)}) comes out below ${what} (${pct(crossing.value)}), although knowing who is who can only help`;
      out.push(
        overlap(q.perfectWorld, crossing)
          ? `${head}: the two are within noise of each other, so knowing who is who would gain little or nothing measurable here.`
          : `${head}: the perfect-world rule is learned from ${count(q.answered)} respondents only, too few to find the best experience for each kind of visitor. Read it as "not measurable yet", not as "knowing who is who would hurt".`,
      );
    } else if (below(q.bestOnSignals, q.currentRules) && q.bestOnSignals && q.currentRules) {
      out.push(
        `On respondents the best rule on these signals (${pct(q.bestOnSignals.value)}) comes out below your rules (${pct(q.currentRules.value)})${overlap(q.bestOnSignals, q.currentRules) ? ', within noise of each other' : ': a rule learned from data is noisier than yours, and the respondents are a smaller sample'}.`,
      );
    }
  }
  // 4. Non-response, only on evidence.
  const nr = q.nonResponse;
  if (nr?.differ) {
    out.push(
      `Respondents differ from the other visitors: your rules convert ${pct(nr.respondents.value)} of respondents and ${pct(nr.others.value)} of the others (p ${pValue(nr.p)}), so the perfect-world figure describes respondents and may not hold for everyone.`,
    );
  }
  return out.join(' ');
}

/**
 * The confusion matrix between declared answers and inferred audiences: for each answer, how many respondents
 * matched each audience, and (with the config's `ask.segments`) how often the inference named the right one.
 * At most {@link MAX_CONFUSION_ANSWERS} answers per key and {@link MAX_CONFUSION_AUDIENCES} audiences are shown (the
 * most frequent); `answersOmitted` / `audiencesOmitted` count the rest.
 */
export function confusionMatrix(cells: readonly AnswerCell[], ask?: Pick<AskConfig, 'key' | 'segments'>): Confusion[] {
  const byKey = new Map<string, AnswerCell[]>();
  for (const c of cells) {
    const key = c.answer.slice(0, Math.max(0, c.answer.indexOf('=')));
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const top = (weights: Map<string, number>, cap: number): [string[], number] => {
    const all = [...weights.keys()].sort((a, b) => (weights.get(b) ?? 0) - (weights.get(a) ?? 0) || (a < b ? -1 : 1));
    return [all.slice(0, cap).sort(), Math.max(0, all.length - cap)];
  };
  return [...byKey.entries()].map(([key, list]) => {
    const answerWeights = new Map<string, number>();
    const audienceWeights = new Map<string, number>();
    for (const c of list) {
      const a = c.answer.slice(key.length + 1);
      answerWeights.set(a, (answerWeights.get(a) ?? 0) + c.n);
      for (const x of c.audiences) audienceWeights.set(x, (audienceWeights.get(x) ?? 0) + c.n);
    }
    const [answers, answersOmitted] = top(answerWeights, MAX_CONFUSION_ANSWERS);
    const [audiences, audiencesOmitted] = top(audienceWeights, MAX_CONFUSION_AUDIENCES);
    const answerIndex = new Map(answers.map((a, i) => [a, i]));
    const audienceIndex = new Map(audiences.map((a, j) => [a, j]));
    const counts = answers.map(() => audiences.map(() => 0));
    const totals = answers.map(() => 0);
    const right = answers.map(() => 0);
    const segments = ask?.key === key ? ask.segments : undefined;
    for (const c of list) {
      const answer = c.answer.slice(key.length + 1);
      const i = answerIndex.get(answer);
      if (i === undefined) continue;
      totals[i] = (totals[i] ?? 0) + c.n;
      const row = counts[i];
      for (const a of c.audiences) {
        const j = audienceIndex.get(a);
        if (row && j !== undefined) row[j] = (row[j] ?? 0) + c.n;
      }
      const mapped = own(segments, answer);
      if (Array.isArray(mapped) && mapped.some((a) => c.audiences.includes(a))) right[i] = (right[i] ?? 0) + c.n;
    }
    const recall = answers.map((answer, i) => (Array.isArray(own(segments, answer)) && (totals[i] ?? 0) > 0 ? (right[i] ?? 0) / (totals[i] ?? 1) : null));
    return { key, answers, audiences, counts, totals, recall, answersOmitted, audiencesOmitted };
  });
}
