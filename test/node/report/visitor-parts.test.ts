/**
 * How many parts of the visitors DuckDB aggregates one after the other: one while the input fits in its memory limit,
 * then as many as it takes for each part to fit; and DuckDB's way of writing its memory limit, read back in bytes.
 */
import { describe, expect, test } from 'vitest';
import { BYTES_PER_ROW, memoryLimitBytes, visitorPartSql, visitorParts } from '../../../src/report/duckdb/visitor-parts.js';

describe('visitor parts', () => {
  test('one part while the rows fit in the memory limit, then one more for each limit they fill', () => {
    const limit = 6 * 2 ** 30;
    const fit = Math.floor(limit / BYTES_PER_ROW);
    expect(visitorParts(1_000_000, limit)).toBe(1);
    expect(visitorParts(fit, limit)).toBe(1);
    expect(visitorParts(fit + 1, limit)).toBe(2);
    expect(visitorParts(5 * fit, limit)).toBe(5);
    expect(visitorParts(0, limit)).toBe(1);
    expect(visitorParts(1_000_000, Infinity)).toBe(1);
  });

  test('a part selects rows by the visitor key the query joins on; one part is the source itself', () => {
    expect(visitorPartSql('SELECT * FROM t', 0, 1)).toBe('SELECT * FROM t');
    expect(visitorPartSql('SELECT * FROM t', 2, 3)).toBe('SELECT * FROM (SELECT * FROM t) WHERE hash(visitor_id) % 3 = 2');
  });

  test("DuckDB's memory limit setting in bytes", () => {
    expect(memoryLimitBytes('1.0 GiB')).toBe(2 ** 30);
    expect(memoryLimitBytes('5.7 GiB')).toBeCloseTo(5.7 * 2 ** 30);
    expect(memoryLimitBytes('700.0 MiB')).toBe(700 * 2 ** 20);
    expect(memoryLimitBytes('2.0 GB')).toBe(2e9);
    expect(memoryLimitBytes('512 bytes')).toBe(512);
    expect(memoryLimitBytes('unlimited')).toBeUndefined();
  });
});
