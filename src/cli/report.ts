import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { validateConfig } from '../core/config/validate-config.js';
import type { Config } from '../core/types.js';
import { aggregateFiles } from '../report/aggregate-files.js';
import type { Aggregate } from '../report/aggregate-types.js';
import { analyze } from '../report/analyze.js';
import { renderHtml } from '../report/render-html.js';
import { renderJson, renderText } from '../report/render-text.js';
import { writeEventsParquet } from '../report/duckdb/aggregate-with-duckdb.js';
import { resolveEventFiles } from '../report/event-files.js';
import { aggregateFromRows } from '../report/sql/aggregate-from-rows.js';
import { aggregationQuery } from '../report/sql/aggregation-query.js';
import { DIALECTS, type DialectName } from '../report/sql/dialects.js';
import { parseAggregateFile } from '../report/sql/parse-results.js';
import { argumentProblem } from './argument-problem.js';
import { outputProblem, writeProblem } from './output-path.js';
import { jsonErrorAt, printProblems } from './check.js';

const USAGE = `Usage: candor report <events…> [options]
       candor report --aggregate <aggregate.json | results.csv | results.json> [options]
       candor report --sql duckdb|postgres|bigquery|snowflake [--table NAME] [--window-days N]

Reads Candor events and answers: Q0 does personalization pay (vs the global holdout), Q1 does each experience
beat the standard content, Q2 does targeting beat random, Q3 would another segmentation do better, Q4 how far
from the best, with data quality (sample ratio, duplicates, config versions) and trust rates.

Events: NDJSON files (plain or gzip), Parquet files (the flat event table, docs/events-table.md), directories
of them, or globs ("events/*.ndjson.gz"); "-" for NDJSON on stdin. With DuckDB installed (the optional
dependency @duckdb/node-api) files are aggregated in SQL on every core; without it, by the streaming reader.

Options:
  --config FILE         the site config (JSON) the events were logged under: enables the sample-ratio
                        checks (designed holdout/control/explore shares) and names audiences and experiences
  --html FILE           also write a self-contained HTML report (no scripts, no network)
  --json                print the report as JSON instead of text
  --window-days N       conversions count within N days of a visitor's first exposure (default 7)
  --goal NAME           goal for the off-policy analyses (default: the config's first goal)
  --planned N           N*: total visitors per comparison you plan to decide at (default 5000)
  --min-effect X        smallest relative effect that matters (default 0.05 = ±5%)
  --engine E            auto (default: the streaming reader for NDJSON, DuckDB for Parquet), duckdb, or stream
  --aggregate-out FILE  write the aggregated counts (JSON)
  --aggregate FILE      read aggregated counts instead of events: an --aggregate-out file, or the rows of
                        the --sql query saved as CSV, a JSON array or JSON lines
  --sql DIALECT         print the aggregation query for duckdb, postgres, bigquery or snowflake, and exit
  --table NAME          the flat event table the --sql query reads (default candor_events)
  --parquet-out FILE    write the events as one Parquet file of the flat event table (needs DuckDB), and exit
  --memory-limit SIZE   DuckDB: memory it may use before it spills to the temp directory, e.g. 2GB or 4GiB
                        (default: a quarter of the RAM)
  --progress            print progress on stderr (default: only when stderr is a terminal)`;

const OPTIONS = {
  config: { type: 'string' },
  html: { type: 'string' },
  json: { type: 'boolean' },
  'window-days': { type: 'string' },
  goal: { type: 'string' },
  planned: { type: 'string' },
  'min-effect': { type: 'string' },
  'aggregate-out': { type: 'string' },
  aggregate: { type: 'string' },
  engine: { type: 'string' },
  sql: { type: 'string' },
  table: { type: 'string' },
  'parquet-out': { type: 'string' },
  'memory-limit': { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
const OPTION_NAMES = Object.keys(OPTIONS);
/** A size DuckDB's memory_limit reads. */
const MEMORY_SIZE = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

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
  try {
    return await report(args, io, out, err);
  } catch (error) {
    if (error instanceof Exit) return error.code;
    throw error;
  }
}

/** Ends `candor report` with an exit code, once the reason has been printed. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`candor report: exit ${String(code)}`);
  }
}

type Print = (text: string) => void;

/** {@link run}'s work: returns the exit code, or throws {@link Exit} with it. */
async function report(args: string[], io: ReportRunIo, out: Print, err: Print): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    err(`candor report: ${argumentProblem(error, OPTION_NAMES)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE + '\n');
    return 0;
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
  if (values.sql !== undefined) {
    if (!(DIALECTS as readonly string[]).includes(values.sql)) {
      err(`candor report: --sql must be one of ${DIALECTS.join(', ')}, not "${values.sql}".\n`);
      return 2;
    }
    out(aggregationQuery({ dialect: values.sql as DialectName, table: values.table, windowDays }));
    return 0;
  }
  const engine = values.engine ?? 'auto';
  if (engine !== 'auto' && engine !== 'duckdb' && engine !== 'stream') {
    err(`candor report: --engine must be auto, duckdb or stream, not "${engine}".\n`);
    return 2;
  }
  const memoryLimit = values['memory-limit'];
  if (memoryLimit !== undefined && !MEMORY_SIZE.test(memoryLimit)) {
    err(`candor report: --memory-limit must be a size such as 2GB, 4GiB or 500MB, not "${memoryLimit}".\n`);
    return 2;
  }
  const aggregateFile = values.aggregate;
  if (aggregateFile === undefined ? positionals.length === 0 : positionals.length > 0) {
    const problem = aggregateFile === undefined ? 'give the events (files, directories or globs; "-" for stdin), or --aggregate FILE.' : '--aggregate FILE replaces the events: give no events as well.';
    err(`candor report: ${problem}\n\n${USAGE}\n`);
    return 2;
  }
  for (const [option, path] of [['--html', values.html], ['--aggregate-out', values['aggregate-out']], ['--parquet-out', values['parquet-out']]] as const) {
    const problem = path === undefined ? undefined : await outputProblem(option, path);
    if (problem) {
      err(`candor report: ${problem}\n`);
      return 2;
    }
  }
  if (values['parquet-out'] !== undefined) {
    try {
      const { files, format } = await resolveEventFiles(positionals);
      await writeEventsParquet(files, format, values['parquet-out'], { memoryLimit });
    } catch (error) {
      err(`candor report: cannot write ${values['parquet-out']}: ${(error as Error).message}\n`);
      return 1;
    }
    err(`candor report: events written to ${values['parquet-out']}\n`);
    return 0;
  }
  const { config, configProblems } = values.config === undefined ? { config: undefined, configProblems: 0 } : await readConfigOption(values.config, err);
  const aggregate = await readInput(aggregateFile, positionals, { engine, memoryLimit, windowDays, keepGoals: Object.keys(config?.goals ?? {}), progress: values.progress === true || (io.isTty ?? process.stderr.isTTY) }, err);
  if (aggregateFile === undefined) {
    const { lines, events } = aggregate.input;
    const inputName = positionals.join(' ');
    if (events.exposure + events.conversion + events.trust === 0) {
      err(
        lines === 0
          ? `candor report: ${inputName} holds no events (it is empty); point it at the NDJSON that candor collect or your sink wrote.\n`
          : `candor report: no line of ${inputName} is a Candor event (${lines} line${lines == 1 ? '' : 's'}, none valid); point it at the NDJSON that candor collect or your sink wrote, or use --aggregate FILE for an aggregate.\n`,
      );
      return 1;
    }
  }
  if (values['aggregate-out'] !== undefined) {
    try {
      await writeFile(values['aggregate-out'], JSON.stringify(aggregate));
    } catch (error) {
      err(`candor report: cannot write --aggregate-out ${values['aggregate-out']}: ${writeProblem(values['aggregate-out'], error)}.\n`);
      return 1;
    }
  }
  let analysis;
  try {
    analysis = analyze(aggregate, { config, configProblems, nStar, minEffect, goal: values.goal });
  } catch (error) {
    if (aggregateFile === undefined) throw error; // events always make a valid aggregate: this is a bug
    err(`candor report: --aggregate ${aggregateFile} is not an aggregate this version can read (${(error as Error).message}); write one with candor report EVENTS --aggregate-out FILE.\n`);
    return 1;
  }
  if (values.html !== undefined) {
    try {
      await writeFile(values.html, renderHtml(analysis));
    } catch (error) {
      err(`candor report: cannot write --html ${values.html}: ${writeProblem(values.html, error)}.\n`);
      return 1;
    }
    if (!values.json) err(`candor report: HTML report written to ${values.html}\n`);
  }
  out(values.json ? renderJson(analysis) : renderText(analysis));
  return 0;
}

/**
 * `--config FILE`: the same validation, and the same messages, as `candor check`. A config with problems still names
 * audiences, experiences and versions, but its design is not trusted for sample-ratio checks (`configProblems`).
 */
async function readConfigOption(path: string, err: Print): Promise<{ config: Config | undefined; configProblems: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    err(`candor report: cannot read --config ${path}: ${(error as Error).message}. Pass the JSON config the site ran under.\n`);
    throw new Exit(2);
  }
  const printTo = { out: (line: string) => err(`${line}\n`) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    printProblems(path, [jsonErrorAt(text, error)], [], null, printTo);
    err(`candor report: cannot use --config ${path}: it is not JSON. Pass the JSON config the site ran under.\n`);
    throw new Exit(2);
  }
  const checked = validateConfig(json);
  if (checked.errors.length > 0) {
    printProblems(path, checked.errors, [], checked.config, printTo);
    err(`candor report: the config has problems (above): the report names what it can from it, but runs no sample-ratio check against an invalid design.\n`);
  }
  return { config: checked.config ?? undefined, configProblems: checked.errors.length };
}

/** How {@link readInput} aggregates events. */
interface InputOptions {
  engine: 'auto' | 'duckdb' | 'stream';
  memoryLimit: string | undefined;
  windowDays: number;
  keepGoals: string[];
  /** Print progress (lines read, then the engine and the time) to stderr. */
  progress: boolean;
}

/** The aggregate: from `--aggregate FILE`, or from the events. Exit 1 when they cannot be read. */
async function readInput(aggregateFile: string | undefined, positionals: string[], { progress, ...options }: InputOptions, err: Print): Promise<Aggregate> {
  const started = Date.now();
  try {
    if (aggregateFile !== undefined) {
      const contents = parseAggregateFile(await readFile(aggregateFile, 'utf8'));
      return contents.aggregate ?? aggregateFromRows(contents.rows);
    }
    const result = await aggregateFiles(positionals, {
      ...options,
      onProgress: progress
        ? (lines) => {
            const s = (Date.now() - started) / 1000;
            err(`\rcandor report: ${(lines / 1e6).toFixed(0)}M lines read, ${Math.round(lines / Math.max(s, 0.001) / 1000)}k lines/s`);
          }
        : undefined,
    });
    const { aggregate } = result;
    if (progress && result.engine === 'stream' && aggregate.input.lines >= 1_000_000) err('\n');
    if (progress) err(`candor report: ${aggregate.input.lines.toLocaleString('en-US')} lines aggregated by ${result.engine === 'duckdb' ? 'DuckDB' : 'the streaming reader'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return aggregate;
  } catch (error) {
    const { message, code } = error as Error & { code?: unknown };
    err(code === 'CANDOR_INPUT' ? `candor report: ${aggregateFile !== undefined ? `--aggregate ${aggregateFile} ` : ''}${message}\n` : `candor report: cannot read ${aggregateFile ?? positionals.join(' ')}: ${message}\n`);
    throw new Exit(1);
  }
}
