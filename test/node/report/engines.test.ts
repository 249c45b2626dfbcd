/**
 * The arbiter between the aggregation engines: on simulated logs with every case the rules must handle, the streaming
 * reader (`aggregateEvents`), DuckDB (on the NDJSON file in one run, and for every fifth log in three parts of the visitors) and
 * PostgreSQL (on the flat table, through `psql --csv`, i.e. a results file) must give the same aggregate, byte for
 * byte, and so the same report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAggregator } from '../../../src/report/aggregate-events.js';
import type { Aggregate } from '../../../src/report/aggregate-types.js';
import { analyze } from '../../../src/report/analyze.js';
import { aggregateWithDuckDB, withDuckDB } from '../../../src/report/duckdb/aggregate-with-duckdb.js';
import { aggregateFromRows } from '../../../src/report/sql/aggregate-from-rows.js';
import { aggregationQuery } from '../../../src/report/sql/aggregation-query.js';
import { dataset, flatCsv, type Dataset } from './event-datasets.js';
import { startPostgres, type Postgres } from './postgres.js';

const DATASETS = 50;
const dir = mkdtempSync(join(tmpdir(), 'candor-engines-'));
const postgresTable = readFileSync(new URL('../../../docs/sql/events-table.postgres.sql', import.meta.url), 'utf8');
let pg: Postgres | undefined;

beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => {
  pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function streaming(d: Dataset, lines: string[]): Aggregate {
  const aggregator = createAggregator({ windowDays: d.windowDays, maxConversionsPerGoal: d.maxConversionsPerGoal });
  for (const line of lines) aggregator.addLine(line);
  return aggregator.finish();
}

/** Every dataset in its own schema, loaded from CSV with the documented DDL and aggregated, in one psql session. */
function postgres(datasets: readonly Dataset[]): Aggregate[] {
  if (!pg) throw new Error('PostgreSQL did not start');
  const setup = datasets.map((d) => {
    const csv = join(dir, `events-${String(d.seed)}.csv`);
    writeFileSync(csv, flatCsv(d.events));
    return `DROP SCHEMA IF EXISTS d${String(d.seed)} CASCADE;\nCREATE SCHEMA d${String(d.seed)};\nSET search_path = d${String(d.seed)};\n${postgresTable}\n\\copy candor_events FROM '${csv}' WITH (FORMAT csv)`;
  });
  const queries = datasets.map((d) =>
    aggregationQuery({ dialect: 'postgres', table: `d${String(d.seed)}.candor_events`, windowDays: d.windowDays, maxConversionsPerGoal: d.maxConversionsPerGoal }),
  );
  return pg.runQueries(setup.join('\n'), queries).map((rows) => aggregateFromRows(rows));
}

describe('streaming, DuckDB and PostgreSQL aggregate the same way', () => {
  test(`${String(DATASETS)} simulated logs: identical sufficient statistics and identical reports`, { timeout: 600_000 }, async () => {
    const datasets = Array.from({ length: DATASETS }, (_, i) => dataset(i + 1));
    const lines = datasets.map((d) => d.events.map((e) => JSON.stringify(e)));
    const references = datasets.map((d, i) => streaming(d, lines[i] ?? []));
    const postgresAggregates = postgres(datasets);
    let redecided = 0;
    await withDuckDB({}, async (connection) => {
      for (const [i, d] of datasets.entries()) {
        const file = join(dir, `events-${String(d.seed)}.ndjson`);
        writeFileSync(file, (lines[i] ?? []).join('\n') + '\n');
        const reference = references[i];
        const duck = await aggregateWithDuckDB([file], 'ndjson', { windowDays: d.windowDays, maxConversionsPerGoal: d.maxConversionsPerGoal, connection });
        const pgAgg = postgresAggregates[i];
        expect(duck, `DuckDB, seed ${String(d.seed)}`).toEqual(reference);
        // The visitors in three parts, one query each, their rows added up (every fifth log: each part reads the log again).
        if (i % 5 === 0) {
          const inParts = await aggregateWithDuckDB([file], 'ndjson', { windowDays: d.windowDays, maxConversionsPerGoal: d.maxConversionsPerGoal, connection, parts: 3 });
          expect(JSON.stringify(inParts), `DuckDB in 3 parts, seed ${String(d.seed)}`).toBe(JSON.stringify(reference));
        }
        expect(pgAgg, `PostgreSQL, seed ${String(d.seed)}`).toEqual(reference);
        expect(JSON.stringify(duck)).toBe(JSON.stringify(reference));
        expect(JSON.stringify(pgAgg)).toBe(JSON.stringify(reference));
        if (!reference || !pgAgg) throw new Error('missing aggregate');
        redecided += reference.input.redecided ?? 0;
        const report = analyze(reference, { config: d.config });
        expect(analyze(duck, { config: d.config }), `DuckDB report, seed ${String(d.seed)}`).toEqual(report);
        expect(analyze(pgAgg, { config: d.config }), `PostgreSQL report, seed ${String(d.seed)}`).toEqual(report);
      }
    });
    // The logs did exercise re-decisions (a visitor who came to match, read from that decision).
    expect(redecided).toBeGreaterThan(DATASETS);
  });
});
