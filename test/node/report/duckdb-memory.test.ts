/**
 * DuckDB's memory limit: `candor report` gives DuckDB a quarter of the RAM unless --memory-limit says otherwise, so
 * that the memory it takes stays bounded however many events there are (beyond the limit DuckDB spills to disk).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { run as report } from '../../../src/cli/report.js';
import { aggregateFiles } from '../../../src/report/aggregate-files.js';
import { withDuckDB } from '../../../src/report/duckdb/aggregate-with-duckdb.js';
import { loadDuckDB, type DuckDBModule } from '../../../src/report/duckdb/load-duckdb.js';

const dir = mkdtempSync(join(tmpdir(), 'candor-duckdb-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** DuckDB's own reading of its memory limit, in bytes. */
async function memoryLimit(options: { memoryLimit?: string }): Promise<number> {
  return withDuckDB(options, async (connection) => {
    const [row] = (await connection.runAndReadAll(`SELECT current_setting('memory_limit') AS m`)).getRowObjectsJS();
    const match = /^([\d.]+) (KiB|MiB|GiB|TiB)$/.exec(String(row?.m));
    if (!match) throw new Error(`unexpected memory_limit ${String(row?.m)}`);
    return Number(match[1]) * 1024 ** (['KiB', 'MiB', 'GiB', 'TiB'].indexOf(match[2] ?? '') + 1);
  });
}

describe('DuckDB memory limit', () => {
  test('a quarter of the RAM by default, or the limit given', async () => {
    expect(Math.abs((await memoryLimit({})) / (totalmem() / 4) - 1)).toBeLessThan(0.05);
    expect(await memoryLimit({ memoryLimit: '1GiB' })).toBe(2 ** 30);
  });

  test('aggregateFiles passes the limit to DuckDB, and the default when none is given', async () => {
    const real = (await loadDuckDB()).duckdb;
    if (!real) throw new Error('@duckdb/node-api is not installed');
    const seen: (string | undefined)[] = [];
    const spy: DuckDBModule = {
      DuckDBInstance: {
        create: (path, options) => {
          seen.push(options?.memory_limit);
          return real.DuckDBInstance.create(path, options);
        },
      },
    };
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, '{"v":1,"type":"conversion","id":"c1","visitorId":"v1","ts":1767225600000,"goal":"signup"}\n');
    await aggregateFiles([file], { engine: 'duckdb', duckdb: spy, memoryLimit: '700MiB' });
    await aggregateFiles([file], { engine: 'duckdb', duckdb: spy });
    expect(seen).toEqual(['700MiB', `${String(Math.floor(totalmem() / 4 / 2 ** 20))}MiB`]);
  });

  test('candor report refuses a --memory-limit that is not a size, and says what to give', async () => {
    const err: string[] = [];
    const code = await report([join(dir, 'events.ndjson'), '--memory-limit', 'lots'], { stdout: () => undefined, stderr: (t) => err.push(t), isTty: false });
    expect(code).toBe(2);
    expect(err.join('')).toContain('--memory-limit must be a size such as 2GB');
  });
});
