import { count, interval, pct, pp, pValue, signedPct, verdictText } from './format.js';
import type { Comparison2, PeriodReport, PolicyValue, Report } from './report-types.js';

/** Pads cells into aligned columns (first row = header). */
function table(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

const arm = (a: { n: number; conversions: number; rate: number }): string => `${count(a.conversions)}/${count(a.n)} ${pct(a.rate)}`;
const value = (v: PolicyValue | null): string => (v ? `${pct(v.value)} ${interval(v.ci, (x) => pct(x))}` : 'n/a');

function comparisonRows(label: string, list: Comparison2[], controlName: string, treatmentName: string, demote = false): string[][] {
  const rows: string[][] = [[label, 'goal', controlName, treatmentName, 'lift [always-valid 95%]', 'MDE now', 'more/arm', 'verdict']];
  for (const c of list) {
    rows.push([
      '',
      c.goal,
      arm(c.control),
      arm(c.treatment),
      `${signedPct(c.relative.estimate)} ${interval(c.ciAdjusted, signedPct)}`,
      Number.isFinite(c.mdeRelative) ? `±${pct(c.mdeRelative, 1)}` : 'n/a',
      c.visitorsNeededPerArm === 0 ? '0' : count(c.visitorsNeededPerArm),
      verdictText(c.verdict, demote),
    ]);
  }
  return rows;
}

function period(p: PeriodReport, report: Report, many: boolean): string[] {
  const out: string[] = [];
  const goal = report.options.goal;
  out.push('', `DATA QUALITY${many ? ` — period ${p.salt}` : ''}: ${p.from.slice(0, 10)} → ${p.to.slice(0, 10)}, ${p.quality.days.toFixed(1)} days, ${count(p.visitors)} visitors`);
  if (p.quality.srm === null) out.push(`  ${p.quality.srmNote ?? ''}`);
  else {
    const rows: string[][] = [['scope', 'split', 'status', 'χ²', 'p', 'observed (expected) shares']];
    for (const s of p.quality.srm) {
      for (const c of s.checks) {
        rows.push([
          s.scope,
          c.split,
          c.mismatch ? 'MISMATCH' : 'ok',
          c.chi2.toFixed(2),
          pValue(c.p),
          c.groups.map((g, i) => `${g} ${pct(c.observedShares[i] ?? NaN)} (${pct(c.expectedShares[i] ?? NaN)})`).join(', '),
        ]);
      }
    }
    out.push(...table(rows));
  }
  const unknown = p.quality.unknownConfigVersions;
  if (unknown && Object.keys(unknown).length > 0) out.push(`  Exposures under config versions the given config does not name: ${Object.entries(unknown).map(([v, n]) => `${v} (${count(n)})`).join(', ')}.`);

  out.push('', 'Q0  Does personalization as a whole pay? Everyone else vs the global holdout (intention-to-treat)');
  out.push(...table(comparisonRows('', p.q0.comparisons, 'holdout', 'personalized')));

  out.push('', 'Q1  Does each experience beat the standard content for the visitors targeting sends to it? (targeted vs control, same counterfactual)');
  for (const s of p.q1) {
    const rows = comparisonRows('slot · experience', [], 'control', 'targeted');
    for (const e of s.experiences) {
      const part = comparisonRows('', e.comparisons, 'control', 'targeted', true).slice(1);
      if (part[0]) part[0][0] = `${s.slot} · ${e.experience}`;
      rows.push(...part);
    }
    if (s.experiences.length > 0) out.push(...table(rows));
    else out.push(`  ${s.slot}: no targeted experiences.`);
  }

  out.push('', 'Q2  Does targeting beat random assignment? (targeted vs explore, same eligible visitors)');
  for (const s of p.q2) out.push(...table(comparisonRows(s.slot, s.comparisons, 'explore', 'targeted')));

  out.push('', `Q3  Would another segmentation do better? Off-policy values on ${goal} (SNIPS; 2-fold cross-fitted)`);
  for (const s of p.q3) {
    out.push(
      `  ${s.slot}: current rules ${value(s.currentRules)} (doubly robust ${pct(s.currentRulesDr.value)}); best single experience ${s.bestSingle.experience} ${value(s.bestSingle.value)}; rules vs best single ${pp(s.rulesVsBestSingle.value)} ${interval(s.rulesVsBestSingle.ci, pp)}${s.enoughData ? '' : '  — not enough data'}`,
    );
    const rows: string[][] = [['rank', 'segment by', 'worth (cross-fitted)', 'in-sample (optimistic)', 'policy in / out', 'moderation p (BH)']];
    s.dimensions.forEach((d, i) =>
      rows.push([
        String(i + 1),
        `${d.label}${d.shadow ? ' (shadow)' : ''}`,
        `${pp(d.vos.value)} ${interval(d.vos.ci, pp)}`,
        pp(d.vosInSample.value),
        `${d.policy.inside} / ${d.policy.outside}`,
        `${pValue(d.moderation.pAdjusted)}${d.moderation.experience ? ` (${d.moderation.experience})` : ''}`,
      ]),
    );
    out.push(...table(rows, '    '));
  }

  out.push('', `Q4  How far from the best? V(current rules) ≤ V(best on these signals) ≤ V(perfect world), on ${goal}`);
  for (const s of p.q4) {
    out.push(`  ${s.slot}: ${count(s.answered)} self-identified visitors, ${count(s.answeredConversions)} conversions`);
    if (s.answered > 0) {
      out.push(
        ...table(
          [
            ['current rules', value(s.currentRules), ''],
            ['best on these signals', value(s.bestOnSignals), `in-sample ${pct(s.bestOnSignalsInSample?.value ?? NaN)}`],
            ['perfect world', value(s.perfectWorld), `in-sample ${pct(s.perfectWorldInSample?.value ?? NaN)}`],
          ],
          '    ',
        ),
      );
    }
    out.push(`    On every visitor: current rules ${value(s.currentRulesAll)}, best on these signals ${value(s.bestOnSignalsAll)} (in-sample ${pct(s.bestOnSignalsAllInSample.value)}).`);
    out.push(`    ${s.note}`);
  }
  for (const c of p.confusion) {
    out.push(`  Declared "${c.key}" vs inferred audiences (share of respondents who matched each audience):`);
    const rows: string[][] = [['answer', 'n', ...c.audiences, 'inferred right']];
    c.answers.forEach((a, i) => {
      const n = c.totals[i] ?? 0;
      rows.push([a, count(n), ...c.audiences.map((_, j) => pct((c.counts[i]?.[j] ?? 0) / (n || 1), 0)), c.recall[i] === null || c.recall[i] === undefined ? '—' : pct(c.recall[i], 0)]);
    });
    out.push(...table(rows, '    '));
  }

  out.push('', 'TRUST  Share of visitors who opened the explanation, asked for the standard version, or asked to be forgotten');
  const rows: string[][] = [['slot', 'arm', 'experience', 'visitors', 'explanation', 'standard', 'forget']];
  for (const t of p.trust) rows.push([t.slot, t.arm, t.experience, count(t.n), pct(t.explanationOpened / t.n), pct(t.showStandard / t.n), pct(t.forget / t.n)]);
  out.push(...table(rows));
  return out;
}

/**
 * The report for a terminal: answers first, then the evidence, every number with its interval.
 * @example process.stdout.write(renderText(analyze(aggregate, { config })));
 */
export function renderText(report: Report): string {
  const i = report.input;
  const o = report.options;
  const out: string[] = [
    `candor report: ${count(i.lines)} lines, ${count(i.events.exposure)} exposures, ${count(i.events.conversion)} conversions, ${count(i.events.trust)} trust events`,
    `  ${count(i.duplicates)} duplicates removed, ${count(i.laterExposures)} later exposures set aside (first exposure counts${i.redecided ? `; ${count(i.redecided)} slots decided again when the visitor came to match, read from then for Q1, Q3 and Q4` : ''}), ${count(i.invalid)} invalid lines, ${count(i.visitorsWithoutExposure)} visitors without exposure`,
    `  Window ${o.windowDays} days after first exposure; α ${o.alpha}; always-valid intervals (N* ${count(o.nStar)}); minimum effect ±${pct(o.minEffect, 0)}; Benjamini–Hochberg across experiences × goals; goal for Q3/Q4: ${o.goal || 'none'}`,
    '',
    'ANSWERS',
    ...(report.headlines.length > 0 ? report.headlines.map((h) => `  • ${h}`) : ['  • No exposures in the input: nothing to analyse.']),
  ];
  for (const p of report.periods) out.push(...period(p, report, report.periods.length > 1));
  return out.join('\n') + '\n';
}

/** The report as JSON (numbers as computed; non-finite numbers become null). */
export function renderJson(report: Report): string {
  return JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
