/**
 * The demo's own command: `node dist/cli.js report .candor-demo/events.ndjson --config examples/marketing-site/candor.config.json`
 * after a few clicks. A few dozen visitors, a conversion or two: the report must say so coherently, its header and
 * answers agreeing, with no empty tables and no unnamed goal.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run as report } from '../../../src/cli/report.js';
import { validateConfig } from '../../../src/core/config/validate-config.js';
import { decide } from '../../../src/core/decide/decide.js';

const CONFIG = 'examples/marketing-site/candor.config.json';

/** What a person clicking through the demo for a few minutes leaves in .candor-demo/events.ndjson. */
function demoEvents(conversions: number): string[] {
  const { config } = validateConfig(JSON.parse(readFileSync(CONFIG, 'utf8')));
  if (!config) throw new Error('the demo config is invalid');
  const campaigns = ['health-2026q4', 'auto-suppliers', 'logistics-week', undefined];
  const lines: string[] = [];
  const t0 = Date.UTC(2026, 10, 30, 14, 0);
  for (let v = 0; v < 32; v++) {
    const visitorId = `demo-visitor-${v}`;
    const signals = { 'utm.campaign': campaigns[v % 4], 'pages.docs': v % 5 === 0 ? 2 : 0, 'visit.returning': v % 3 === 0 };
    for (const slot of Object.keys(config.slots)) {
      const d = decide({ config, slot, visitorId, signals, consent: { tier: 'relationship', gpc: false } });
      const { arm, experience, counterfactual, propensity, eligible, audiences, decisionId, configVersion, salt, hashVersion } = d;
      lines.push(JSON.stringify({ v: 1, type: 'exposure', id: `e${v}-${slot}`.padEnd(8, '0'), visitorId, ts: t0 + v * 60_000, decisionId, slot, configVersion, hashVersion, salt, arm, experience, counterfactual, propensity, eligible, audiences, tier: 'relationship', gpc: false }));
    }
    if (v < conversions) lines.push(JSON.stringify({ v: 1, type: 'conversion', id: `c${v}`.padEnd(8, '0'), visitorId, ts: t0 + v * 60_000 + 30_000, goal: 'demo-booked' }));
  }
  lines.push(JSON.stringify({ v: 1, type: 'trust', id: 'trust0001', visitorId: 'demo-visitor-1', ts: t0 + 90_000, kind: 'explanation_opened', slot: 'hero' }));
  return lines;
}

describe("the demo's report command", () => {
  for (const conversions of [0, 2]) {
    test(`${conversions} conversions: header, answers and sections agree; nothing empty or unnamed`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'candor-demo-'));
      writeFileSync(join(dir, 'events.ndjson'), demoEvents(conversions).join('\n') + '\n');
      const out: string[] = [];
      const err: string[] = [];
      expect(await report([join(dir, 'events.ndjson'), '--config', CONFIG, '--html', join(dir, 'r.html')], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) })).toBe(0);
      const text = out.join('');
      expect(text).toMatch(/^candor report: 9[79] lines, 96 exposures/);
      expect(text).not.toContain('No exposures in the input');
      expect(text).not.toContain('No valid exposures');
      // No heading without its goal, no table header without rows.
      expect(text).not.toMatch(/ on \n|on \)|, on $/m);
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (/^\s+slot · experience\s+goal/.test(line)) expect(lines[i + 1] ?? '').toMatch(/^\s+\S+ · \S+/);
      });
      if (conversions === 0) expect(text).toContain('No conversions yet: 32 visitors over 0.0 days, nothing to compare.');
      else {
        expect(text).toContain('goal for Q3/Q4: demo-booked');
        expect(text).toMatch(/Personalization vs the holdout: .* on demo-booked: not enough data/);
      }
      // The design is checked (the config is valid) and nothing fires on 32 visitors.
      expect(text).toContain('all slots  holdout vs rest');
      expect(text).not.toContain('MISMATCH');
      expect(err.join('')).not.toContain('problem');
      const html = readFileSync(join(dir, 'r.html'), 'utf8');
      expect(html).toContain('96 exposures');
      expect(html).not.toContain('No exposures in the input');
    });
  }
});
