import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { run as report } from '../../../src/cli/report.js';
import { run as simulate } from '../../../src/cli/simulate.js';

describe('candor simulate → candor report', () => {
  test('simulates a scenario with its truth and config, then reports on the gzip file with SRM checks and HTML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-cli-'));
    const err: string[] = [];
    const code = await simulate(
      ['--scenario', 'losing-experience', '--visitors', '3000', '--seed', '9', '--out', join(dir, 'e.ndjson'), '--truth', join(dir, 'truth.json'), '--config-out', join(dir, 'config.json')],
      { stderr: (t) => err.push(t) },
    );
    expect(code).toBe(0);
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { scenario: string; experiences: unknown[] };
    expect(truth.scenario).toBe('losing-experience');
    expect(truth.experiences).toHaveLength(3);
    const lines = readFileSync(join(dir, 'e.ndjson'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(3000);
    writeFileSync(join(dir, 'e.ndjson.gz'), gzipSync(readFileSync(join(dir, 'e.ndjson'))));

    const out: string[] = [];
    const rc = await report([join(dir, 'e.ndjson.gz'), '--config', join(dir, 'config.json'), '--html', join(dir, 'r.html'), '--aggregate-out', join(dir, 'agg.json')], {
      stdout: (t) => out.push(t),
      stderr: () => undefined,
    });
    expect(rc).toBe(0);
    const text = out.join('');
    expect(text).toContain('DATA QUALITY');
    expect(text).toMatch(/hero\s+control \/ explore \/ targeted\s+ok/);
    expect(text).toContain('hero · ops-hero');
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\//);

    // The same statistics from the aggregate alone (what a warehouse would hand over).
    const fromAggregate: string[] = [];
    expect(await report(['--aggregate', join(dir, 'agg.json'), '--config', join(dir, 'config.json')], { stdout: (t) => fromAggregate.push(t) })).toBe(0);
    expect(fromAggregate.join('')).toBe(text);

    const json: string[] = [];
    expect(await report([join(dir, 'e.ndjson'), '--json'], { stdout: (t) => json.push(t) })).toBe(0);
    expect((JSON.parse(json.join('')) as { periods: { quality: { srm: unknown } }[] }).periods[0]?.quality.srm).toBeNull();
  });

  test('bad arguments say what to do and exit 2; a missing file exits 1', async () => {
    const err: string[] = [];
    expect(await simulate(['--scenario', 'nope', '--visitors', '10'], { stderr: (t) => err.push(t) })).toBe(2);
    expect(err.join('')).toContain('Use one of: aa, losing-experience, wrong-categories, poor-signals');
    expect(await report([], { stderr: (t) => err.push(t) })).toBe(2);
    expect(await report(['x.ndjson', '--window-days', '-1'], { stderr: (t) => err.push(t) })).toBe(2);
    expect(await report(['/nonexistent/events.ndjson'], { stderr: (t) => err.push(t) })).toBe(1);
    expect(err.join('')).toContain('cannot read /nonexistent/events.ndjson');
  });
});
