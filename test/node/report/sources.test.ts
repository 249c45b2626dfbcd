/**
 * `candor report` where the events are: directories, globs and Parquet through DuckDB, the streaming reader when DuckDB
 * is missing, the printed SQL, and results files (CSV, JSON) fed back with --aggregate. Every path must print the same
 * report as the streaming reader on the original file.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { run as report } from '../../../src/cli/report.js';
import { aggregateEvents } from '../../../src/report/aggregate-events.js';
import { aggregateFiles } from '../../../src/report/aggregate-files.js';
import { withDuckDB } from '../../../src/report/duckdb/aggregate-with-duckdb.js';
import { sqlString } from '../../../src/report/duckdb/events-source.js';
import { aggregationQuery } from '../../../src/report/sql/aggregation-query.js';
import { simulateEvents } from '../../../src/simulate/simulate-events.js';

const dir = mkdtempSync(join(tmpdir(), 'candor-sources-'));
const file = join(dir, 'all.ndjson');
const config = join(dir, 'config.json');
let expected = '';
/** What `candor report days/ --parquet-out events.parquet` answered (run before the tests). */
let parquetOut: { code: number; out: string; err: string } | undefined;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await report(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTty: false });
  return { code, out: out.join(''), err: err.join('') };
}

beforeAll(async () => {
  const lines: string[] = [];
  const sim = simulateEvents({ scenario: 'losing-experience', visitors: 4000, seed: 21, design: { slots: 2 }, reexposures: 1 }, (e) => lines.push(JSON.stringify(e)));
  writeFileSync(config, JSON.stringify(sim.config));
  writeFileSync(file, lines.join('\n') + '\n');
  // The same events split into daily files, gzipped, as a rotating collector leaves them.
  mkdirSync(join(dir, 'days'));
  const third = Math.ceil(lines.length / 3);
  for (let k = 0; k < 3; k++) writeFileSync(join(dir, 'days', `2026-01-0${String(k + 5)}.ndjson.gz`), gzipSync(lines.slice(k * third, (k + 1) * third).join('\n') + '\n'));
  writeFileSync(join(dir, 'days', 'README.txt'), 'not events');
  const reference = await cli([file, '--config', config, '--engine', 'stream']);
  expect(reference.code).toBe(0);
  expected = reference.out;
  expect(expected).toContain('DATA QUALITY');
  // Several tests read the Parquet file: written here, so each test stands alone (the first of them checks it).
  parquetOut = await cli([join(dir, 'days'), '--parquet-out', join(dir, 'events.parquet')]);
}, 60_000);

describe('candor report on files, directories, globs and Parquet', () => {
  test('DuckDB on a directory or a glob of gzip files prints the streaming reader’s report; so does the streaming reader', async () => {
    for (const input of [[join(dir, 'days')], [join(dir, 'days', '*.ndjson.gz')], [join(dir, 'days', '2026-01-05.ndjson.gz'), join(dir, 'days', '2026-01-0[67].ndjson.gz')]]) {
      for (const engine of ['duckdb', 'stream']) {
        const r = await cli([...input, '--config', config, '--engine', engine]);
        expect(r.code, `${engine} ${input.join(' ')}: ${r.err}`).toBe(0);
        expect(r.out).toBe(expected);
      }
    }
  });

  test('--parquet-out writes the flat table; DuckDB reads it back to the same report; the streaming reader refuses Parquet', async () => {
    const parquet = join(dir, 'events.parquet');
    expect(parquetOut?.code, parquetOut?.err).toBe(0);
    expect(readFileSync(parquet).subarray(0, 4).toString()).toBe('PAR1');
    const r = await cli([parquet, '--config', config]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(expected);
    const stream = await cli([parquet, '--engine', 'stream']);
    expect(stream.code).toBe(1);
    expect(stream.err).toContain('Parquet needs DuckDB');
  });

  test('auto reads NDJSON with the streaming reader (no DuckDB needed) and Parquet with DuckDB; without DuckDB, Parquet says what is missing', async () => {
    let loaded = 0;
    const spy = new Proxy({} as NonNullable<Parameters<typeof aggregateFiles>[1]>['duckdb'] & object, {
      get() {
        loaded++;
        throw new Error('DuckDB was used for NDJSON');
      },
    });
    const ndjson = await aggregateFiles([join(dir, 'days')], { duckdb: spy });
    expect(ndjson.engine).toBe('stream');
    expect(loaded).toBe(0);
    expect(ndjson.aggregate).toEqual(await aggregateEvents(file));
    expect((await aggregateFiles([join(dir, 'events.parquet')])).engine).toBe('duckdb');
    await expect(aggregateFiles([join(dir, 'events.parquet')], { duckdb: null })).rejects.toThrow('reading Parquet needs DuckDB');
    await expect(aggregateFiles([file], { duckdb: null, engine: 'duckdb' })).rejects.toThrow('Install it, or use --engine stream');
  });

  test('--sql prints a query whose rows, saved as CSV or JSON, give the same report through --aggregate', async () => {
    const printed = await cli(['--sql', 'duckdb', '--table', 'events', '--window-days', '7']);
    expect(printed.code).toBe(0);
    expect(printed.out).toBe(aggregationQuery({ dialect: 'duckdb', table: 'events', windowDays: 7 }));
    const csv = join(dir, 'results.csv');
    const json = join(dir, 'results.json');
    await withDuckDB({}, async (c) => {
      await c.run(`CREATE TABLE events AS SELECT * FROM read_parquet(${sqlString(join(dir, 'events.parquet'))})`);
      const query = printed.out.replace(/;\s*$/, '');
      await c.run(`COPY (${query}) TO ${sqlString(csv)} (HEADER, DELIMITER ',')`);
      await c.run(`COPY (${query}) TO ${sqlString(json)} (FORMAT json, ARRAY true)`);
    });
    for (const results of [csv, json]) {
      const r = await cli(['--aggregate', results, '--config', config]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe(expected);
    }
    expect((await cli(['--sql', 'oracle'])).code).toBe(2);
    const notRows = join(dir, 'config-as-results.csv');
    writeFileSync(notRows, 'a,b\n1,2\n');
    const bad = await cli(['--aggregate', notRows]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('"section" column');
  });

  test('arguments that match nothing, or mix formats, say so', async () => {
    expect((await cli([join(dir, 'nothing-*.ndjson')])).err).toContain('no file matches');
    expect((await cli([join(dir, 'days'), join(dir, 'events.parquet')])).err).toContain('mix Parquet and NDJSON');
    expect((await cli([join(dir, 'days'), '--aggregate', join(dir, 'results.csv')])).code).toBe(2);
  });
});
