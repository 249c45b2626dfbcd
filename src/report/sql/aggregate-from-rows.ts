/**
 * The rows of the aggregation query (`aggregationQuery`), as an engine returns them or as a CSV or JSON results file
 * holds them, back into an {@link Aggregate} in the canonical order: the same object `aggregateEvents` gives for the
 * same events.
 */

import type { Arm } from '../../core/types.js';
import type { Aggregate, AnswerCell, ArmCell, DayCell, OpeCell, PeriodAggregate, SlotAggregate, TrustCell, VisitorCell } from '../aggregate-types.js';
import { canonicalOrder } from '../canonical-order.js';
import { RESULT_FORMAT } from './aggregation-query.js';

/** One result row: column name (any case) → value (string, number, bigint or null; CSV gives strings). */
export type ResultRow = Record<string, unknown>;

const DAY_MS = 86_400_000;
const SEP = '\u0001';
const ARMS = new Set<unknown>(['holdout', 'control', 'explore', 'targeted']);
const TRUST_NAMES = { explanation_opened: 'explanationOpened', show_standard: 'showStandard', personalize_again: 'personalizeAgain', forget: 'forget' } as const;
const INPUT_NAMES = {
  lines: 'lines',
  invalid: 'invalid',
  duplicates: 'duplicates',
  later_exposures: 'laterExposures',
  redecided: 'redecided',
  conversions_capped: 'conversionsCapped',
  visitors_without_exposure: 'visitorsWithoutExposure',
} as const;

class RowError extends Error {}

/** Reads one row's columns by name, whatever their case and type. */
function reader(raw: ResultRow, index: number) {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) row[k.toLowerCase()] = v;
  const where = `row ${String(index + 1)} (section ${JSON.stringify(row.section)})`;
  const text = (c: string): string => {
    const v = row[c];
    if (v === null || v === undefined) throw new RowError(`${where} has no ${c}.`);
    return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  };
  const optionalText = (c: string): string | null => {
    const v = row[c];
    return v === null || v === undefined || v === '' ? null : text(c);
  };
  const number = (c: string): number => {
    const v = row[c];
    const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) throw new RowError(`${where} has no number in ${c} (${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}).`);
    return n;
  };
  const optionalNumber = (c: string): number | null => {
    const v = row[c];
    return v === null || v === undefined || v === '' ? null : number(c);
  };
  return { section: text('section'), name: optionalText('name'), text, optionalText, number, optionalNumber, where };
}

const setList = (key: string | null): string[] => (key === null || key === '' ? [] : key.split(SEP));

/**
 * Builds the aggregate from the query's rows. Throws, naming the row, when they are not the output of
 * `candor report --sql` (another result format, a missing column, an unknown section).
 * @example const aggregate = aggregateFromRows((await connection.runAndReadAll(aggregationQuery({ dialect: 'duckdb' }))).getRowObjectsJS());
 */
export function aggregateFromRows(rows: Iterable<ResultRow>): Aggregate {
  const all = [...rows].map((r, i) => reader(r, i));
  const meta = new Map(all.filter((r) => r.section === 'meta').map((r) => [r.name, r]));
  const format = meta.get('format')?.optionalNumber('n');
  if (format !== RESULT_FORMAT) {
    throw new Error(
      format === undefined || format === null
        ? 'These rows are not the output of "candor report --sql": there is no row with section "meta" and name "format". Run the query it prints and save all its rows.'
        : `These rows are in result format ${String(format)}; this version of Candor reads format ${String(RESULT_FORMAT)}. Print the query again with this version ("candor report --sql …") and re-run it.`,
    );
  }
  const windowDays = meta.get('window_days')?.number('x') ?? 7;

  const goals = all.filter((r) => r.section === 'goal').map((r) => r.text('goal'));
  const goalIndex = new Map(goals.map((g, i) => [g, i]));
  const G = goals.length;
  const zeros = (): number[] => new Array<number>(G).fill(0);
  const emptyCell = (): VisitorCell => ({ n: 0, conv: zeros(), sum: zeros(), sumSq: zeros() });

  const input: Aggregate['input'] = {
    lines: 0,
    events: { exposure: 0, conversion: 0, trust: 0 },
    invalid: 0,
    duplicates: 0,
    laterExposures: 0,
    redecided: 0,
    conversionsCapped: 0,
    visitorsWithoutExposure: 0,
    configVersions: {},
  };
  type SlotAcc = SlotAggregate & { decisions: ArmCell[]; cellMap: Map<string, ArmCell>; decisionMap: Map<string, ArmCell>; opeMap: Map<string, OpeCell>; trustMap: Map<string, TrustCell> };
  const periods = new Map<string, PeriodAggregate & { dayMap: Map<number, DayCell>; slotMap: Map<string, SlotAcc>; answerMap: Map<string, AnswerCell> }>();
  const period = (salt: string) => {
    let p = periods.get(salt);
    if (!p) {
      p = { salt, firstTs: 0, lastTs: 0, visitors: 0, groups: { holdout: emptyCell(), rest: emptyCell() }, days: [], slots: [], answers: [], dayMap: new Map(), slotMap: new Map(), answerMap: new Map() };
      periods.set(salt, p);
    }
    return p;
  };
  const slotOf = (r: ReturnType<typeof reader>) => {
    const p = period(r.text('salt'));
    const name = r.text('slot');
    let s = p.slotMap.get(name);
    if (!s) {
      s = {
        slot: name,
        exposures: { holdout: 0, control: 0, explore: 0, targeted: 0 },
        configVersions: {},
        cells: [],
        decisions: [],
        ope: [],
        trust: [],
        cellMap: new Map<string, ArmCell>(),
        decisionMap: new Map<string, ArmCell>(),
        opeMap: new Map<string, OpeCell>(),
        trustMap: new Map<string, TrustCell>(),
      };
      p.slotMap.set(name, s);
    }
    return s;
  };
  const armOf = (r: ReturnType<typeof reader>): Arm => {
    const arm = r.text('arm');
    if (!ARMS.has(arm)) throw new RowError(`${r.where} has an unknown arm "${arm}".`);
    return arm as Arm;
  };
  /** Adds an outcome row (`visitors` or `converted` on one goal) to a cell. */
  const addOutcome = (r: ReturnType<typeof reader>, cell: { n: number; conv: number[]; sum?: number[]; sumSq?: number[] }): void => {
    if (r.name === 'visitors') {
      cell.n += r.number('n');
      return;
    }
    if (r.name !== 'converted') throw new RowError(`${r.where} has an unknown name "${String(r.name)}".`);
    const goal = r.text('goal');
    const g = goalIndex.get(goal);
    if (g === undefined) throw new RowError(`${r.where} counts goal "${goal}", which no "goal" row lists.`);
    cell.conv[g] = (cell.conv[g] ?? 0) + r.number('n');
    if (cell.sum && cell.sumSq) {
      cell.sum[g] = (cell.sum[g] ?? 0) + (r.optionalNumber('x') ?? 0);
      cell.sumSq[g] = (cell.sumSq[g] ?? 0) + (r.optionalNumber('xx') ?? 0);
    }
  };
  function keyed<T>(map: Map<string, T>, key: string, make: () => T, list: T[]): T {
    let v = map.get(key);
    if (v === undefined) {
      v = make();
      map.set(key, v);
      list.push(v);
    }
    return v;
  }

  try {
    for (const r of all) {
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
  } catch (error) {
    if (error instanceof RowError) throw new Error(`${error.message} Save every row of the query "candor report --sql" prints, with its column names.`, { cause: error });
    throw error;
  }

  return canonicalOrder({
    v: 1,
    windowDays,
    goals,
    input,
    periods: [...periods.values()].map((p) => ({
      salt: p.salt,
      firstTs: p.firstTs,
      lastTs: p.lastTs,
      visitors: p.visitors,
      groups: p.groups,
      days: p.days,
      slots: [...p.slotMap.values()].map((s) => ({ slot: s.slot, exposures: s.exposures, configVersions: s.configVersions, cells: s.cells, decisions: s.decisions, ope: s.ope, trust: s.trust })),
      answers: p.answers,
    })),
  });
}
