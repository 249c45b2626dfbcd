/**
 * Adds one row of the aggregation query's results to a {@link RowAccumulator}, by its section (`input`, `period`,
 * `group`, `day`, `answer`, `arm`, `version`, `cell`, `decision`, `ope`, `trust`; `meta` and `goal` are read before).
 */

import type { AnswerCell, ArmCell, OpeCell, TrustCell } from '../aggregate-types.js';
import type { RowAccumulator } from './row-accumulator.js';
import { RowError, SEP, setList, type RowReader } from './result-row.js';

const DAY_MS = 86_400_000;
const TRUST_NAMES = { explanation_opened: 'explanationOpened', show_standard: 'showStandard', personalize_again: 'personalizeAgain', forget: 'forget' } as const;
const INPUT_NAMES = {
  lines: 'lines',
  invalid: 'invalid',
  duplicates: 'duplicates',
  later_exposures: 'laterExposures',
  redecided: 'redecided',
  conversions_capped: 'conversionsCapped',
  visitors_without_exposure: 'visitorsWithoutExposure',
  time_out_of_range: 'timeOutOfRange',
} as const;

/**
 * Adds the row; throws a {@link RowError} naming it when it is not what `candor report --sql` prints.
 * @example for (const r of rows) addResultRow(acc, r);
 */
export function addResultRow(acc: RowAccumulator, r: RowReader): void {
  const { input, period, slotOf, armOf, addOutcome, keyed, emptyCell, zeros } = acc;
  switch (r.section) {
    case 'meta':
    case 'goal':
      break;
    case 'input': {
      const name = r.name ?? '';
      const n = r.number('n');
      if (name === 'exposure' || name === 'conversion' || name === 'trust') input.events[name] = n;
      else if (Object.hasOwn(INPUT_NAMES, name)) input[INPUT_NAMES[name as keyof typeof INPUT_NAMES]] = n;
      else throw new RowError(`${r.where} has an unknown name "${name}".`);
      break;
    }
    case 'period': {
      const p = period(r.text('salt'));
      if (r.name === 'visitors') p.visitors = r.number('n');
      else if (r.name === 'first_ts') p.firstTs = r.number('x');
      else if (r.name === 'last_ts') p.lastTs = r.number('x');
      else throw new RowError(`${r.where} has an unknown name "${String(r.name)}".`);
      break;
    }
    case 'group': {
      const p = period(r.text('salt'));
      addOutcome(r, r.number('holdout') === 1 ? p.groups.holdout : p.groups.rest);
      break;
    }
    case 'day': {
      const p = period(r.text('salt'));
      const dayNum = r.number('day');
      let day = p.dayMap.get(dayNum);
      if (!day) {
        day = { day: new Date(dayNum * DAY_MS).toISOString().slice(0, 10), holdout: emptyCell(), rest: emptyCell() };
        p.dayMap.set(dayNum, day);
        p.days.push(day);
      }
      addOutcome(r, r.number('holdout') === 1 ? day.holdout : day.rest);
      break;
    }
    case 'answer': {
      const p = period(r.text('salt'));
      const answer = r.text('answer');
      const audiences = r.optionalText('audiences');
      const cell = keyed(p.answerMap, answer + SEP + SEP + (audiences ?? ''), (): AnswerCell => ({ answer, audiences: setList(audiences), n: 0, conv: zeros() }), p.answers);
      addOutcome(r, cell);
      break;
    }
    case 'arm':
      slotOf(r).exposures[armOf(r)] += r.number('n');
      break;
    case 'version': {
      const s = slotOf(r);
      const cv = r.text('config_version');
      const n = r.number('n');
      s.configVersions[cv] = (s.configVersions[cv] ?? 0) + n;
      input.configVersions[cv] = (input.configVersions[cv] ?? 0) + n;
      break;
    }
    case 'cell':
    case 'decision': {
      const s = slotOf(r);
      const arm = armOf(r);
      const [experience, counterfactual] = [r.text('experience'), r.text('counterfactual')];
      const cell = keyed(
        r.section === 'cell' ? s.cellMap : s.decisionMap,
        [arm, experience, counterfactual].join(SEP + SEP),
        (): ArmCell => ({ arm, experience, counterfactual, ...emptyCell() }),
        r.section === 'cell' ? s.cells : s.decisions,
      );
      addOutcome(r, cell);
      break;
    }
    case 'ope': {
      const s = slotOf(r);
      const arm = armOf(r);
      const fold = r.number('fold') === 1 ? 1 : 0;
      const answer = r.optionalText('answer');
      const [aud, elig] = [r.optionalText('audiences'), r.optionalText('eligible')];
      const [action, counterfactual, propensity] = [r.text('experience'), r.text('counterfactual'), r.number('propensity')];
      const key = [fold, answer ?? '\u0000', aud ?? '', elig ?? '', arm, action, counterfactual, propensity, r.text('config_version')].join(SEP + SEP);
      const cell = keyed(
        s.opeMap,
        key,
        (): OpeCell => ({ fold, answer, audiences: setList(aud), eligible: setList(elig), arm, action, counterfactual, propensity, n: 0, conv: zeros() }),
        s.ope,
      );
      addOutcome(r, cell);
      break;
    }
    case 'trust': {
      const s = slotOf(r);
      const arm = armOf(r);
      const experience = r.text('experience');
      const cell = keyed(
        s.trustMap,
        arm + SEP + SEP + experience,
        (): TrustCell => ({ arm, experience, n: 0, explanationOpened: 0, showStandard: 0, personalizeAgain: 0, forget: 0 }),
        s.trust,
      );
      const name = r.name ?? '';
      if (name === 'visitors') cell.n += r.number('n');
      else if (Object.hasOwn(TRUST_NAMES, name)) cell[TRUST_NAMES[name as keyof typeof TRUST_NAMES]] += r.number('n');
      else throw new RowError(`${r.where} has an unknown name "${name}".`);
      break;
    }
    default:
      throw new RowError(`${r.where}: unknown section.`);
  }
}
