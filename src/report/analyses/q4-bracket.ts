import type { AskConfig } from '../../core/types.js';
import type { AnswerCell, SlotAggregate } from '../aggregate-types.js';
import { count } from '../format.js';
import type { Confusion, PolicyValue, Q4Slot } from '../report-types.js';
import { crossFit, currentRules, learnPolicy, loggedRows, policyValue, type LoggedRow } from './policy-values.js';

/** Below these, the perfect-world estimate is reported as "not enough data". */
export const Q4_MIN_ANSWERED = 1000;
export const Q4_MIN_CONVERSIONS = 50;
/** A context key needs this many training visitors before a policy uses its own ranking (else it falls back). */
const MIN_KEY_VISITORS = 30;

const signalKey = (r: LoggedRow): string => r.context;
const worldKey = (r: LoggedRow): string => `${r.answer ?? ''}#${r.context}`;
const answerKey = (r: LoggedRow): string => r.answer ?? '';

/**
 * Q4, per slot and goal: the bracket V(current rules) ≤ V(best rules on these signals) ≤ V(perfect world),
 * measured on the visitors who answered the random self-identification prompt (measurement.md §4.4).
 * - current rules: the logged counterfactual;
 * - best on signals: the best experience per logged context (audience set), learned on all visitors of the other fold;
 * - perfect world: the best experience per declared answer and context, learned on answered visitors of the other
 *   fold (contexts with too few answers fall back to the answer alone, then to the signals policy).
 * Cross-fitted values are the honest ones; in-sample values are shown beside them to make the optimism visible.
 */
export function q4Bracket(slot: SlotAggregate, goals: string[], g: number, holdout: number | undefined): Q4Slot {
  const rows = loggedRows(slot.ope, g, holdout);
  const answered = rows.filter((r) => r.answer !== null);
  const nAnswered = answered.reduce((t, r) => t + r.n, 0);
  const cAnswered = answered.reduce((t, r) => t + r.conv, 0);
  const enough = nAnswered >= Q4_MIN_ANSWERED && cAnswered >= Q4_MIN_CONVERSIONS;
  const onAnswered = (test: LoggedRow[]): LoggedRow[] => test.filter((r) => r.answer !== null);
  const world = (train: LoggedRow[]): ReturnType<typeof learnPolicy> => {
    const signals = learnPolicy(train, signalKey);
    const trainAnswered = onAnswered(train);
    return learnPolicy(trainAnswered, worldKey, learnPolicy(trainAnswered, answerKey, signals, MIN_KEY_VISITORS), MIN_KEY_VISITORS);
  };
  const some = answered.length > 0;
  const q4: Q4Slot = {
    slot: slot.slot,
    goal: goals[g] ?? '',
    answered: nAnswered,
    answeredConversions: cAnswered,
    currentRules: some ? policyValue(answered, currentRules) : null,
    bestOnSignals: some ? crossFit(rows, (test, train) => policyValue(onAnswered(test), learnPolicy(train, signalKey))) : null,
    bestOnSignalsInSample: some ? policyValue(answered, learnPolicy(rows, signalKey)) : null,
    perfectWorld: some ? crossFit(rows, (test, train) => policyValue(onAnswered(test), world(train))) : null,
    perfectWorldInSample: some ? policyValue(answered, world(rows)) : null,
    bestOnSignalsAll: crossFit(rows, (test, train) => policyValue(test, learnPolicy(train, signalKey))),
    bestOnSignalsAllInSample: policyValue(rows, learnPolicy(rows, signalKey)),
    currentRulesAll: policyValue(rows, currentRules),
    enoughData: enough,
    note: '',
  };
  q4.note = bracketNote(q4);
  return q4;
}

const overlap = (a: PolicyValue | null, b: PolicyValue | null): boolean => !a || !b || !(a.ci[1] < b.ci[0] || b.ci[1] < a.ci[0]);

function bracketNote(q: Q4Slot): string {
  if (q.answered === 0) return 'Not enough data: nobody answered the self-identification prompt, so "how far from perfect" cannot be measured. Turn on `ask` in the config.';
  if (!q.enoughData) {
    return `Not enough data: ${count(q.answered)} visitors answered the self-identification prompt, with ${count(q.answeredConversions)} conversions; the gap to a perfect world means something from ${count(Q4_MIN_ANSWERED)} answers and ${count(Q4_MIN_CONVERSIONS)} conversions on.`;
  }
  if (overlap(q.currentRules, q.perfectWorld)) return 'The gaps are within noise: better rules or better signals may be worth something, but these data cannot tell.';
  return 'Respondents differ from other visitors (non-response bias); read the bracket as a direction, not a promise.';
}

/**
 * The confusion matrix between declared answers and inferred audiences: for each answer, how many respondents
 * matched each audience, and (with the config's `ask.segments`) how often the inference named the right one.
 */
export function confusionMatrix(cells: readonly AnswerCell[], ask?: Pick<AskConfig, 'key' | 'segments'>): Confusion[] {
  const byKey = new Map<string, AnswerCell[]>();
  for (const c of cells) {
    const key = c.answer.slice(0, Math.max(0, c.answer.indexOf('=')));
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  return [...byKey.entries()].map(([key, list]) => {
    const answers = [...new Set(list.map((c) => c.answer.slice(key.length + 1)))].sort();
    const audiences = [...new Set(list.flatMap((c) => c.audiences))].sort();
    const counts = answers.map(() => audiences.map(() => 0));
    const totals = answers.map(() => 0);
    const right = answers.map(() => 0);
    for (const c of list) {
      const i = answers.indexOf(c.answer.slice(key.length + 1));
      totals[i] = (totals[i] ?? 0) + c.n;
      for (const a of c.audiences) {
        const row = counts[i];
        const j = audiences.indexOf(a);
        if (row) row[j] = (row[j] ?? 0) + c.n;
      }
      const mapped = ask?.key === key ? ask.segments?.[c.answer.slice(key.length + 1)] : undefined;
      if (mapped?.some((a) => c.audiences.includes(a))) right[i] = (right[i] ?? 0) + c.n;
    }
    const recall = answers.map((answer, i) => (ask?.key === key && ask.segments?.[answer] && (totals[i] ?? 0) > 0 ? (right[i] ?? 0) / (totals[i] ?? 1) : null));
    return { key, answers, audiences, counts, totals, recall };
  });
}
