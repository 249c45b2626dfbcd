import type { LoggedRow, Policy } from '../../../src/report/analyses/policy-values.js';
import { SEGMENTS, type Action, type Scenario } from '../../../src/simulate/scenarios.js';

/**
 * The exact value (conversion probability on `signup`) of a policy in a simulated world without extra shadow
 * audiences: every (true segment, returning, guessed segment) context is enumerated with its probability, turned into
 * the logged row Q3/Q4 would see (audiences, eligibility, counterfactual, the declared answer, the fold), and valued
 * at the scenario's true rate for the action the policy picks. Folds count half each (the aggregator's hash, the fast
 * sampler's coin). `respondents`: weight contexts by the chance of answering and give rows the declared answer.
 */
export function exactValue(policy: Policy, scenario: Scenario, respondents = false): number {
  const eligible = SEGMENTS.map((s) => s.experience).sort();
  let total = 0;
  let mass = 0;
  scenario.segmentShares.forEach((share, segment) => {
    for (const returning of [false, true]) {
      for (let guess = 0; guess < SEGMENTS.length; guess++) {
        const pGuess = guess === segment ? scenario.signalAccuracy : (1 - scenario.signalAccuracy) / (SEGMENTS.length - 1);
        const weight = share * (returning ? scenario.returningShare : 1 - scenario.returningShare) * pGuess * (respondents ? (scenario.respond?.(segment, returning) ?? 1) : 1);
        const audiences = [SEGMENTS[guess]?.audience ?? '', ...(returning ? ['returning'] : [])].sort();
        for (const fold of [0, 1] as const) {
          const row: LoggedRow = {
            fold,
            answer: respondents ? `role=${SEGMENTS[segment]?.id ?? ''}` : null,
            audiences,
            eligible,
            context: audiences.join(',') + '|' + eligible.join(','),
            action: 'baseline',
            counterfactual: SEGMENTS[guess]?.experience ?? 'baseline',
            p: 1,
            n: 1,
            conv: 0,
          };
          total += (weight / 2) * scenario.rate(segment, returning, policy(row) as Action);
          mass += weight / 2;
        }
      }
    }
  });
  return total / mass;
}
