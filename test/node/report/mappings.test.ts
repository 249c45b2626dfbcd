/**
 * The documented mappings from where sites keep their events to Candor's flat event table (docs/sql/): a GA4 BigQuery
 * export (as DuckDB reads it) and Segment's `track` tables (DuckDB and PostgreSQL), run on sample rows made from
 * simulated events the way Google Tag Manager + GA4 and Segment store them. The report's aggregation over each view
 * must equal the streaming reader's on the original events.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAggregator } from '../../../src/report/aggregate-events.js';
import { withDuckDB } from '../../../src/report/duckdb/aggregate-with-duckdb.js';
import { sqlString } from '../../../src/report/duckdb/events-source.js';
import { aggregateFromRows } from '../../../src/report/sql/aggregate-from-rows.js';
import { aggregationQuery } from '../../../src/report/sql/aggregation-query.js';
import { dataset, type LooseEvent } from './event-datasets.js';
import { startPostgres, type Postgres } from './postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'candor-mappings-'));
const docs = (name: string): string => readFileSync(new URL(`../../../docs/sql/${name}`, import.meta.url), 'utf8');
let pg: Postgres | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => {
  pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Candor events of the three types (a collector may hold others; GA4 and Segment would not route them here). */
const SEEDS = [3, 8, 13];
const samples = SEEDS.map((seed) => {
  const d = dataset(seed);
  const events = d.events.filter((e) => e.type === 'exposure' || e.type === 'conversion' || e.type === 'trust');
  const aggregator = createAggregator({ windowDays: d.windowDays, maxConversionsPerGoal: d.maxConversionsPerGoal });
  for (const e of events) aggregator.addLine(JSON.stringify(e));
  return { ...d, events, reference: aggregator.finish() };
});

const snake = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A GA4 export row as GTM's GA4 tag would leave it: typed parameters, lists joined with commas, empty values dropped. */
function ga4Row(e: LooseEvent, i: number): Record<string, unknown> {
  const params: { key: string; value: Record<string, unknown> }[] = [];
  for (const [field, v] of Object.entries(e)) {
    if (field === 'v' || field === 'type' || v === undefined || v === null) continue;
    const value: Record<string, unknown> = { string_value: null, int_value: null, float_value: null, double_value: null };
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      value.string_value = v.join(',');
    } else if (typeof v === 'string') {
      if (v === '') continue;
      value.string_value = v;
    } else if (typeof v === 'number') value[Number.isInteger(v) ? 'int_value' : 'double_value'] = v;
    else if (typeof v === 'boolean') value.string_value = String(v);
    params.push({ key: `candor_${snake(field)}`, value });
  }
  return { event_name: `candor_${String(e.type)}`, event_timestamp: 1_767_600_000_000_000 + i, user_pseudo_id: 'ga-client', event_params: params };
}

/** A Segment event-table row: snake_case columns, lists as JSON text, Candor's `id` dropped (Segment's id is the message id). */
function segmentRow(e: LooseEvent, i: number): Record<string, unknown> {
  const row: Record<string, unknown> = { id: `msg-${String(i)}`, anonymous_id: 'seg-anon', event: `candor_${String(e.type)}`, event_text: `Candor ${String(e.type)}` };
  for (const [field, v] of Object.entries(e)) {
    if (field === 'id' || field === 'type') continue;
    row[snake(field)] = Array.isArray(v) ? JSON.stringify(v) : v;
  }
  return row;
}

const GA4_PARAMS = 'STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]';
const SEGMENT_COLUMNS: Record<string, Record<string, string>> = {
  exposure: { decision_id: 'VARCHAR', slot: 'VARCHAR', config_version: 'VARCHAR', hash_version: 'INTEGER', salt: 'VARCHAR', arm: 'VARCHAR', experience: 'VARCHAR', counterfactual: 'VARCHAR', propensity: 'DOUBLE', eligible: 'VARCHAR', audiences: 'VARCHAR', tier: 'VARCHAR', gpc: 'BOOLEAN' },
  conversion: { goal: 'VARCHAR', value: 'DOUBLE' },
  trust: { kind: 'VARCHAR', slot: 'VARCHAR', config_version: 'VARCHAR', key: 'VARCHAR', answer: 'VARCHAR', forced: 'BOOLEAN' },
};
const segmentColumns = (type: string): Record<string, string> => ({ id: 'VARCHAR', anonymous_id: 'VARCHAR', event: 'VARCHAR', event_text: 'VARCHAR', v: 'INTEGER', visitor_id: 'VARCHAR', ts: 'BIGINT', ...SEGMENT_COLUMNS[type] });

describe('GA4 and Segment mappings (docs/sql) give the flat event table', () => {
  test('GA4 export in DuckDB (ga4-duckdb.sql): the aggregate equals the streaming reader’s', async () => {
    await withDuckDB({}, async (c) => {
      for (const s of samples) {
        const file = join(dir, `ga4-${String(s.seed)}.ndjson`);
        writeFileSync(file, s.events.map((e, i) => JSON.stringify(ga4Row(e, i))).join('\n'));
        await c.run(`CREATE OR REPLACE TABLE ga4_events AS SELECT * FROM read_json(${sqlString(file)}, columns = {event_name: 'VARCHAR', event_timestamp: 'BIGINT', user_pseudo_id: 'VARCHAR', event_params: '${GA4_PARAMS}'})`);
        await c.run(docs('ga4-duckdb.sql'));
        const rows = (await c.runAndReadAll(aggregationQuery({ dialect: 'duckdb', windowDays: s.windowDays, maxConversionsPerGoal: s.maxConversionsPerGoal }))).getRowObjectsJS();
        expect(aggregateFromRows(rows), `seed ${String(s.seed)}`).toEqual(s.reference);
      }
    });
  });

  test('Segment track tables in DuckDB (segment-duckdb.sql): the aggregate equals the streaming reader’s', async () => {
    await withDuckDB({}, async (c) => {
      for (const s of samples) {
        for (const type of ['exposure', 'conversion', 'trust']) {
          const file = join(dir, `segment-${type}-${String(s.seed)}.ndjson`);
          writeFileSync(file, s.events.flatMap((e, i) => (e.type === type ? [JSON.stringify(segmentRow(e, i))] : [])).join('\n') + '\n');
          const columns = Object.entries(segmentColumns(type)).map(([k, t]) => `${k}: '${t}'`).join(', ');
          await c.run(`CREATE OR REPLACE TABLE candor_${type} AS SELECT * FROM read_json(${sqlString(file)}, columns = {${columns}})`);
        }
        await c.run(docs('segment-duckdb.sql'));
        const rows = (await c.runAndReadAll(aggregationQuery({ dialect: 'duckdb', windowDays: s.windowDays, maxConversionsPerGoal: s.maxConversionsPerGoal }))).getRowObjectsJS();
        expect(aggregateFromRows(rows), `seed ${String(s.seed)}`).toEqual(s.reference);
      }
    });
  });

  test('Segment track tables in PostgreSQL (segment-postgres.sql): the aggregate equals the streaming reader’s', () => {
    if (!pg) throw new Error('PostgreSQL did not start');
    const PG_TYPES: Record<string, string> = { VARCHAR: 'TEXT', DOUBLE: 'DOUBLE PRECISION', INTEGER: 'INTEGER', BIGINT: 'BIGINT', BOOLEAN: 'BOOLEAN' };
    const setup: string[] = [];
    const queries: string[] = [];
    for (const s of samples) {
      const schema = `segment_${String(s.seed)}`;
      setup.push(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
      for (const type of ['exposure', 'conversion', 'trust']) {
        const columns = Object.entries(segmentColumns(type));
        const csv = join(dir, `segment-${type}-${String(s.seed)}.csv`);
        const field = (v: unknown): string => (v === undefined || v === null ? '' : `"${(typeof v === 'string' ? v : JSON.stringify(v)).replace(/"/g, '""')}"`);
        writeFileSync(csv, s.events.flatMap((e, i) => (e.type === type ? [columns.map(([k]) => field(segmentRow(e, i)[k])).join(',')] : [])).join('\n') + '\n');
        setup.push(`CREATE TABLE ${schema}.candor_${type} (${columns.map(([k, t]) => `${k} ${PG_TYPES[t] ?? t}`).join(', ')});`);
        setup.push(`\\copy ${schema}.candor_${type} FROM '${csv}' WITH (FORMAT csv)`);
      }
      setup.push(docs('segment-postgres.sql').replace(/CREATE OR REPLACE VIEW candor_events/, `CREATE OR REPLACE VIEW ${schema}.candor_events`).replace(/SCHEMA\./g, `${schema}.`));
      queries.push(aggregationQuery({ dialect: 'postgres', table: `${schema}.candor_events`, windowDays: s.windowDays, maxConversionsPerGoal: s.maxConversionsPerGoal }));
    }
    const results = pg.runQueries(setup.join('\n'), queries);
    samples.forEach((s, i) => expect(aggregateFromRows(results[i] ?? []), `seed ${String(s.seed)}`).toEqual(s.reference));
  });
});
