import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Arm } from '../core/types.js';
import { pct, pp, signedPct } from '../report/format.js';
import type { JourneyTruth } from '../simulate/journey-truth.js';
import { scenarioByName, scenarioNames, simulationEvents } from '../simulate/simulate-events.js';
import type { SimulationTruth } from '../simulate/simulation-truth.js';
import { argumentProblem } from './argument-problem.js';
import { outputProblem, writeProblem } from './output-path.js';

const USAGE = `Usage: candor simulate --scenario NAME --visitors N [options] > events.ndjson

Generates Candor events from a world whose truth is known, using Candor's own decide(), and prints that truth.
Scenarios: ${scenarioNames().join(', ')}.

Options:
  --seed S                 same seed, same events (default 1)
  --truth FILE             write the truth as JSON (default: a summary on stderr)
  --config-out FILE        write the config the simulation ran under, for \`candor report --config\`
  --out FILE               write events to FILE instead of stdout
  --slots K                number of slots (default 1; only the first drives conversions)
  --holdout H --control C --explore E   design shares (default 0.05, 0.1, 0.1)
  --extra-conversions K    K extra "page-engaged" conversions per visitor (load for benchmarks)
  --reexposures K          re-log every exposure K more times days later (ignored by intention-to-treat; load)
  --drop-exposures ARM:SHARE  lose that share of one arm's exposures (e.g. control:0.03), to see the SRM alarm`;

const OPTIONS = {
  scenario: { type: 'string' },
  visitors: { type: 'string' },
  seed: { type: 'string' },
  truth: { type: 'string' },
  'config-out': { type: 'string' },
  out: { type: 'string' },
  slots: { type: 'string' },
  holdout: { type: 'string' },
  control: { type: 'string' },
  explore: { type: 'string' },
  'extra-conversions': { type: 'string' },
  reexposures: { type: 'string' },
  'drop-exposures': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
const OPTION_NAMES = Object.keys(OPTIONS);

/** Where `candor simulate` writes (tests pass their own). */
export interface SimulateRunIo {
  stdout?: Writable;
  stderr?: (text: string) => void;
}

/** The truth, for people. */
export function truthText(t: SimulationTruth): string {
  const v = t.values;
  const lines = [
    `Scenario ${t.scenario}: ${t.story}`,
    `True conversion rates (signup, hero slot): everyone standard ${pct(v.baseline)}; current rules ${pct(v.currentRules)}; best single experience ${v.bestSingle.action} ${pct(v.bestSingle.value)}; best on these signals ${pct(v.bestOnSignals)}; perfect world ${pct(v.perfectWorld)}.`,
    `True lift per experience for its audience: ${t.experiences.map((e) => `${e.experience} ${pct(e.control)} → ${pct(e.treatment)} (${e.relativeLift >= 0 ? '+' : ''}${(e.relativeLift * 100).toFixed(1)}%)`).join('; ')}.`,
    `True value of segmenting by: ${Object.entries(t.valueOfSegmentation).map(([k, x]) => `${k} ${pp(x)}`).join(', ')} (best: ${t.bestDimension}).`,
  ];
  if ('kind' in t) {
    const j = t as JourneyTruth;
    lines.push(
      `Came to match later (hero decided again): ${pct(j.cameToMatch)} of visitors. Per experience, on arrival vs after coming to match: ${j.experiences
        .map((e) => `${e.experience} ${e.onArrival.share > 0 ? signedPct(e.onArrival.relativeLift) : '—'} vs ${e.cameToMatch.share > 0 ? signedPct(e.cameToMatch.relativeLift) : '—'}`)
        .join('; ')}.`,
      `True targeting vs random (Q2): targeted ${pct(j.targeting.targeted)}, explore ${pct(j.targeting.explore)} (${signedPct(j.targeting.relativeLift)}); personalization vs holdout (Q0): ${pct(j.holdout.rest)} vs ${pct(j.holdout.holdout)} (${signedPct(j.holdout.relativeLift)}).`,
    );
  }
  return lines.join('\n');
}

const share = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!(n >= 0 && n < 1)) throw new Error(`--${name} must be a share from 0 to 1, not "${raw}".`);
  return n;
};

const whole = (name: string, raw: string | undefined, fallback: number, min: number): number => {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > 1000) throw new Error(`--${name} must be a whole number from ${min} to 1000, not "${raw}".`);
  return n;
};

/**
 * `candor simulate`: writes NDJSON events; resolves with the exit code (0 ok, 2 bad arguments).
 * @param args the arguments after `simulate`
 * @example await run(['--scenario', 'losing-experience', '--visitors', '100000', '--seed', '7', '--truth', 'truth.json'])
 */
export async function run(args: string[], io: SimulateRunIo = {}): Promise<number> {
  const err = io.stderr ?? ((t: string) => void process.stderr.write(t));
  let options;
  let truthFile: string | undefined, configOut: string | undefined, outFile: string | undefined;
  try {
    const { values } = parseArgs({ args, options: OPTIONS });
    if (values.help) {
      err(USAGE + '\n');
      return 0;
    }
    if (values.scenario === undefined) throw new Error('--scenario is required.');
    const scenario = scenarioByName(values.scenario);
    const visitors = Number(values.visitors ?? '');
    if (!Number.isInteger(visitors) || visitors <= 0) throw new Error(`--visitors must be a positive whole number, not "${values.visitors ?? ''}".`);
    let drop: { arm: Arm; share: number } | undefined;
    if (values['drop-exposures'] !== undefined) {
      const [arm, s] = values['drop-exposures'].split(':');
      if (!['holdout', 'control', 'explore', 'targeted'].includes(arm ?? '')) throw new Error('--drop-exposures takes ARM:SHARE, e.g. control:0.03.');
      drop = { arm: arm as Arm, share: share('drop-exposures', s, 0) };
    }
    options = {
      scenario,
      visitors,
      seed: values.seed ?? 1,
      design: {
        holdout: share('holdout', values.holdout, 0.05),
        control: share('control', values.control, 0.1),
        explore: share('explore', values.explore, 0.1),
        slots: whole('slots', values.slots, 1, 1),
      },
      extraConversions: whole('extra-conversions', values['extra-conversions'], 0, 0),
      reexposures: whole('reexposures', values.reexposures, 0, 0),
      dropExposures: drop,
    };
    truthFile = values.truth;
    configOut = values['config-out'];
    outFile = values.out;
  } catch (error) {
    err(`candor simulate: ${argumentProblem(error, OPTION_NAMES)}\n\n${USAGE}\n`);
    return 2;
  }
  for (const [option, path] of [['--config-out', configOut], ['--truth', truthFile], ['--out', outFile]] as const) {
    const problem = path === undefined ? undefined : await outputProblem(option, path);
    if (problem) {
      err(`candor simulate: ${problem}\n`);
      return 2;
    }
  }
  const sim = simulationEvents(options);
  // Config and truth first: a reader piped to stdout (`| candor report - --config …`) may need the config at once.
  for (const [option, path, json] of [['--config-out', configOut, sim.config], ['--truth', truthFile, sim.truth]] as const) {
    if (path === undefined) continue;
    try {
      await writeFile(path, JSON.stringify(json, null, 2) + '\n');
    } catch (error) {
      err(`candor simulate: cannot write ${option} ${path}: ${writeProblem(path, error)}.\n`);
      return 1;
    }
  }
  const out: Writable = io.stdout ?? (outFile !== undefined ? createWriteStream(outFile) : process.stdout);
  let broken: Error | undefined;
  const onError = (e: Error): void => void (broken = e);
  out.on('error', onError);
  let buffer = '';
  try {
    for (const e of sim.events) {
      buffer += JSON.stringify(e) + '\n';
      if (buffer.length > 1 << 20) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
      if (broken) break;
    }
    if (buffer !== '' && !broken) out.write(buffer);
    if (out !== process.stdout && io.stdout === undefined) {
      out.end();
      await once(out, 'finish');
    }
  } catch (error) {
    broken = error as Error;
  }
  // A reader that stops early (`| head`) is not an error; anything else is.
  if (broken && (broken as NodeJS.ErrnoException).code !== 'EPIPE') {
    err(`candor simulate: cannot write events${outFile !== undefined ? ` to --out ${outFile}` : ''}: ${writeProblem(outFile ?? 'stdout', broken)}.\n`);
    return 1;
  }
  if (truthFile !== undefined) return 0;
  err(truthText(sim.truth) + '\n');
  return 0;
}
