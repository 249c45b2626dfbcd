import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { validateConfig } from '../core/config/validate-config.js';
import type { Config } from '../core/types.js';
import { aggregateEvents } from '../report/aggregate-events.js';
import type { Aggregate } from '../report/aggregate-types.js';
import { analyze } from '../report/analyze.js';
import { renderHtml } from '../report/render-html.js';
import { renderJson, renderText } from '../report/render-text.js';
import { jsonErrorAt, printProblems } from './check.js';

const USAGE = `Usage: candor report <events.ndjson[.gz] | -> [options]

Reads Candor events (NDJSON, plain or gzip; "-" for stdin) in one pass and answers:
Q0 does personalization pay (vs the global holdout), Q1 does each experience beat the standard content,
Q2 does targeting beat random, Q3 would another segmentation do better, Q4 how far from the best,
with data quality (sample ratio, duplicates, config versions) and trust rates.

Options:
  --config FILE         the site config (JSON) the events were logged under: enables the sample-ratio
                        checks (designed holdout/control/explore shares) and names audiences and experiences
  --html FILE           also write a self-contained HTML report (no scripts, no network)
  --json                print the report as JSON instead of text
  --window-days N       conversions count within N days of a visitor's first exposure (default 7)
  --goal NAME           goal for the off-policy analyses (default: the config's first goal)
  --planned N           N*: total visitors per comparison you plan to decide at (default 5000)
  --min-effect X        smallest relative effect that matters (default 0.05 = ±5%)
  --aggregate-out FILE  write the aggregated counts (JSON) — the same shape a warehouse can produce
  --aggregate           the input is such an aggregate (JSON), not events
  --progress            print progress on stderr (default: only when stderr is a terminal)`;

/** Where `candor report` writes (tests pass their own). */
export interface ReportRunIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  isTty?: boolean;
}

const positive = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${raw}".`);
  return n;
};

/**
 * `candor report`: prints the report; resolves with the exit code (0 ok, 1 unreadable input, 2 bad arguments).
 * @param args the arguments after `report`
 * @example await run(['events.ndjson.gz', '--config', 'config.json', '--html', 'report.html'])
 */
export async function run(args: string[], io: ReportRunIo = {}): Promise<number> {
  const out = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const err = io.stderr ?? ((t: string) => void process.stderr.write(t));
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        html: { type: 'string' },
        json: { type: 'boolean' },
        'window-days': { type: 'string' },
        goal: { type: 'string' },
        planned: { type: 'string' },
        'min-effect': { type: 'string' },
        'aggregate-out': { type: 'string' },
        aggregate: { type: 'boolean' },
        progress: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    err(`candor report: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE + '\n');
    return 0;
  }
  const input = positionals[0];
  if (input === undefined || positionals.length > 1) {
    err(`candor report: give exactly one events file (or "-" for stdin).\n\n${USAGE}\n`);
    return 2;
  }
  let windowDays: number, nStar: number, minEffect: number;
  try {
    windowDays = positive('window-days', values['window-days'], 7);
    nStar = positive('planned', values.planned, 5000);
    minEffect = positive('min-effect', values['min-effect'], 0.05);
  } catch (error) {
    err(`candor report: ${(error as Error).message}\n`);
    return 2;
  }
  let config: Config | undefined;
  let configProblems = 0;
  if (values.config !== undefined) {
    // The same validation, and the same messages, as `candor check`. A config with problems still names audiences,
    // experiences and versions, but its design is not trusted for sample-ratio checks.
    let text: string;
    try {
      text = await readFile(values.config, 'utf8');
    } catch (error) {
      err(`candor report: cannot read --config ${values.config}: ${(error as Error).message}. Pass the JSON config the site ran under.\n`);
      return 2;
    }
    const printTo = { out: (line: string) => err(`${line}\n`) };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      printProblems(values.config, [jsonErrorAt(text, error)], null, printTo);
      err(`candor report: cannot use --config ${values.config}: it is not JSON. Pass the JSON config the site ran under.\n`);
      return 2;
    }
    const checked = validateConfig(json);
    if (checked.errors.length > 0) {
      printProblems(values.config, checked.errors, checked.config, printTo);
      err(`candor report: the config has problems (above): the report names what it can from it, but runs no sample-ratio check against an invalid design.\n`);
      configProblems = checked.errors.length;
    }
    config = checked.config ?? undefined;
  }
  const progress = values.progress === true || (io.isTty ?? process.stderr.isTTY);
  const started = Date.now();
  let aggregate: Aggregate;
  try {
    if (values.aggregate) aggregate = JSON.parse(await readFile(input, 'utf8')) as Aggregate;
    else {
      aggregate = await aggregateEvents(input, {
        windowDays,
        keepGoals: Object.keys(config?.goals ?? {}),
        onProgress: progress
          ? (lines) => {
              const s = (Date.now() - started) / 1000;
              err(`\rcandor report: ${(lines / 1e6).toFixed(0)}M lines read, ${Math.round(lines / Math.max(s, 0.001) / 1000)}k lines/s`);
            }
          : undefined,
      });
      if (progress && aggregate.input.lines >= 1_000_000) err('\n');
    }
  } catch (error) {
    err(`candor report: cannot read ${input}: ${(error as Error).message}\n`);
    return 1;
  }
  if (values['aggregate-out'] !== undefined) await writeFile(values['aggregate-out'], JSON.stringify(aggregate));
  const report = analyze(aggregate, { config, configProblems, nStar, minEffect, goal: values.goal });
  if (values.html !== undefined) {
    await writeFile(values.html, renderHtml(report));
    if (!values.json) err(`candor report: HTML report written to ${values.html}\n`);
  }
  out(values.json ? renderJson(report) : renderText(report));
  return 0;
}
