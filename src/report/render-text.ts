import { count, hasInterval, interval, moreShort, name, pct, pp, pValue, signedPct, verdictText, withInterval } from './format.js';
import type { Comparison2, DimensionValue, PeriodReport, PolicyValue, RatioValue, Report } from './report-types.js';

/** Pads cells into aligned columns (first row = header) and appends the lines to `out` (no spread: tables can be long). */
function table(out: string[], rows: string[][], indent = '  '): void {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  for (const row of rows) out.push(indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

const arm = (a: { n: number; conversions: number; rate: number }): string => `${count(a.conversions)}/${count(a.n)} ${pct(a.rate)}`;
const value = (v: PolicyValue | null): string => (v ? withInterval(v.value, v.ci, (x) => pct(x)) : 'n/a');
const ratio = (r: RatioValue | null): string => (r && Number.isFinite(r.ratio) && hasInterval(r.ci) ? `${pct(r.ratio, 0)} ${interval(r.ci, (x) => pct(x, 0))}` : 'no data');
const lift = (c: Comparison2): string => withInterval(c.relative.estimate, c.ciAdjusted, signedPct);
const adjP = (c: Comparison2, alpha: number): string => `${pValue(c.pAdjusted)}${c.pAdjusted < alpha ? '' : ' (noise?)'}`;

/** What the lift interval and the adjusted p mean, printed under every comparison table. */
export const LIFT_LEGEND =
  'lift: relative to the first group, with an always-valid 95% interval (valid however often you look). adj. p: the chance of a lift at least this large if there were none, adjusted for every comparison in the table (Benjamini–Hochberg) and for looking every day; "noise?" = at or above 0.05, so the lift may be chance whatever its size. The interval is at the same adjusted level, so it excludes 0 exactly when adj. p < 0.05. more visitors: the whole site\'s traffic still needed (every arm at today\'s split) to tell a ±δ lift with 80% power, and the days that takes at the current traffic.';

function comparisonRows(label: string, list: Comparison2[], controlName: string, treatmentName: string, report: Report, perDay: number | null, demote = false): string[][] {
  const rows: string[][] = [[label, 'goal', controlName, treatmentName, 'lift [always-valid 95%]', 'adj. p', 'MDE now', 'more visitors (days)', 'verdict']];
  for (const c of list) {
    const need = c.verdict === 'not-enough-data' ? moreShort(c.needed, perDay) : '—';
    rows.push(['', name(c.goal, 40), arm(c.control), arm(c.treatment), lift(c), adjP(c, report.options.alpha), Number.isFinite(c.mdeRelative) ? `±${pct(c.mdeRelative, 1)}` : 'n/a', need, verdictText(c.verdict, demote)]);
  }
  return rows;
}

function dimensionWorth(d: DimensionValue): string {
  if (!(d.vos.se > 0) && d.vos.value === 0) return 'no data: learned rules ignore it';
  return withInterval(d.vos.value, d.vosSimultaneous, pp);
}

function period(out: string[], p: PeriodReport, report: Report, many: boolean): void {
  const goal = report.options.goal;
  const onGoal = goal === '' ? '(no conversions yet, so no goal)' : `on ${name(goal)}`;
  out.push('', `DATA QUALITY${many ? ` — period ${name(p.salt)}` : ''}: ${p.from.slice(0, 10)} → ${p.to.slice(0, 10)}, ${p.quality.days.toFixed(1)} days, ${count(p.visitors)} visitors${p.perDay !== null ? ` (${count(p.perDay)} a day)` : ''}`);
  if (p.quality.srm === null) out.push(`  ${p.quality.srmNote ?? ''}`);
  else {
    const rows: string[][] = [['scope', 'split', 'status', 'χ²', 'p', 'observed (expected) shares']];
    for (const s of p.quality.srm) {
      for (const c of s.checks) {
        rows.push([
          name(s.scope, 40),
          c.split,
          c.mismatch ? 'MISMATCH' : 'ok',
          Number.isFinite(c.chi2) ? c.chi2.toFixed(2) : '∞',
          pValue(c.p),
          c.groups.map((g, i) => `${g} ${pct(c.observedShares[i] ?? NaN)} (${pct(c.expectedShares[i] ?? NaN)})`).join(', '),
        ]);
      }
    }
    table(out, rows);
  }
  const unknown = Object.entries(p.quality.unknownConfigVersions ?? {});
  if (unknown.length > 0) out.push(`  Exposures under config versions the given config does not name: ${unknown.slice(0, 10).map(([v, n]) => `${name(v, 40)} (${count(n)})`).join(', ')}${unknown.length > 10 ? ` and ${count(unknown.length - 10)} more` : ''}.`);
  const unknownSlots = Object.entries(p.quality.unknownSlots ?? {});
  if (unknownSlots.length > 0) out.push(`  Exposures in slots the given config does not name: ${unknownSlots.slice(0, 10).map(([v, n]) => `${name(v, 40)} (${count(n)})`).join(', ')}${unknownSlots.length > 10 ? ` and ${count(unknownSlots.length - 10)} more` : ''}.`);
  if (p.slotsOmitted.count > 0) out.push(`  And ${count(p.slotsOmitted.count)} more slots (${count(p.slotsOmitted.visitors)} first exposures), not analysed separately.`);

  const noGoals = report.goalsAnalysed.length === 0;
  out.push('', 'Q0  Does personalization as a whole pay? Everyone else vs the global holdout (intention-to-treat)');
  if (noGoals) out.push('  No conversions yet: nothing to compare.');
  else table(out, comparisonRows('', p.q0.comparisons, 'holdout', 'personalized', report, p.perDay));

  out.push('', 'Q1  Does each experience beat the standard content for the visitors targeting sends to it? (targeted vs control, same counterfactual)');
  if (noGoals) out.push('  No conversions yet: nothing to compare.');
  else {
    const rows = comparisonRows('slot · experience', [], 'control', 'targeted', report, p.perDay);
    let any = false;
    for (const s of p.q1) {
      if (s.experiences.length === 0) {
        out.push(`  ${name(s.slot)}: no targeted experiences.`);
        continue;
      }
      for (const e of s.experiences) {
        const part = comparisonRows('', e.comparisons, 'control', 'targeted', report, p.perDay, true).slice(1);
        if (part[0]) part[0][0] = `${name(s.slot, 40)} · ${name(e.experience, 40)}`;
        for (const row of part) rows.push(row);
        any = true;
      }
      if (s.experiencesOmitted > 0) rows.push([`${name(s.slot, 40)} · and ${count(s.experiencesOmitted)} more experiences`, '', '', '', '', '', '', '', '']);
    }
    if (any) table(out, rows);
  }

  out.push('', 'Q2  Does targeting beat random assignment? (targeted vs explore, same eligible visitors)');
  if (noGoals) out.push('  No conversions yet: nothing to compare.');
  else for (const s of p.q2) table(out, comparisonRows(name(s.slot, 40), s.comparisons, 'explore', 'targeted', report, p.perDay));
  if (!noGoals) out.push(`  ${LIFT_LEGEND.replace('±δ', `±${pct(report.options.minEffect, 0)}`)}`);

  out.push('', `Q3  Would another segmentation do better? Off-policy values ${onGoal} (SNIPS; rules learned on one half of the visitors, measured on the other)`);
  if (p.q3.length === 0) out.push('  No conversions yet: nothing to value.');
  for (const s of p.q3) {
    out.push(
      `  ${name(s.slot)}: current rules ${value(s.currentRules)} (doubly robust ${pct(s.currentRulesDr.value)}); best single experience ${name(s.bestSingle.experience, 40)} ${value(s.bestSingle.value)}; rules vs best single ${withInterval(s.rulesVsBestSingle.value, s.rulesVsBestSingle.ci, pp)}${s.enoughData ? '' : '  — not enough data'}${s.srmCaveat ? '  — caution: sample ratio mismatch, values may be biased' : ''}`,
    );
    if (s.dimensions.length === 0) continue;
    if (!s.enoughData) {
      out.push(`    ${count(s.dimensions.length)} logged audiences; their values mean something from 100 conversions in the slot on.`);
      continue;
    }
    const rows: string[][] = [['rank', 'segment by', `worth [simultaneous 95% over ${s.k}]`, 'in-sample (optimistic)', 'in-sample rule in / out', 'moderation p (BH)']];
    s.dimensions.forEach((d, i) =>
      rows.push([
        String(i + 1),
        `${name(d.label, 40)}${d.shadow ? ' (shadow)' : ''}`,
        dimensionWorth(d),
        pp(d.vosInSample.value),
        `${name(d.policy.inside, 30)} / ${name(d.policy.outside, 30)}`,
        `${pValue(d.moderation.pAdjusted)}${d.moderation.experience ? ` (${name(d.moderation.experience, 30)})` : ''}`,
      ]),
    );
    if (s.dimensionsOmitted > 0) rows.push(['', `and ${count(s.dimensionsOmitted)} more audiences, not evaluated`, '', '', '', '']);
    table(out, rows, '    ');
    out.push(`    Intervals are simultaneous over the ${s.k} audience${s.k === 1 ? '' : 's'} ranked (Bonferroni): picking the top one cannot make its interval too narrow.`);
  }

  out.push('', `Q4  How far from the best? Current rules vs the best rule on these signals vs a perfect world, ${onGoal}`);
  if (p.q4.length === 0) out.push('  No conversions yet: nothing to value.');
  for (const s of p.q4) {
    out.push(`  ${name(s.slot)}: your rules reach ${ratio(s.reachOfBest)} of the best rule on these signals (every visitor) and ${ratio(s.reachOfPerfect)} of a perfect world (${count(s.answered)} self-identified visitors, ${count(s.answeredConversions)} conversions)`);
    if (s.answered > 0) {
      table(
        out,
        [
          ['on respondents:', 'learned on half, measured on the other', 'in-sample (optimistic)'],
          ['current rules', value(s.currentRules), ''],
          ['best on these signals', value(s.bestOnSignals), pct(s.bestOnSignalsInSample?.value ?? NaN)],
          ['perfect world', value(s.perfectWorld), pct(s.perfectWorldInSample?.value ?? NaN)],
        ],
        '    ',
      );
    }
    out.push(`    On every visitor: current rules ${value(s.currentRulesAll)}, best on these signals ${value(s.bestOnSignalsAll)} (in-sample ${pct(s.bestOnSignalsAllInSample.value)}).`);
    const nr = s.nonResponse;
    if (nr) out.push(`    Respondents vs the other visitors, current rules: ${value(nr.respondents)} vs ${value(nr.others)}, p ${pValue(nr.p)} (a non-response caveat needs p < 0.01${s.enoughData ? '' : ' and enough answers'}).`);
    out.push(`    ${s.note}`);
  }
  for (const c of p.confusion) {
    out.push(`  Declared "${name(c.key, 40)}" vs inferred audiences (share of respondents who matched each audience):`);
    const rows: string[][] = [['answer', 'n', ...c.audiences.map((a) => name(a, 30)), 'inferred right']];
    c.answers.forEach((a, i) => {
      const n = c.totals[i] ?? 0;
      rows.push([name(a, 40), count(n), ...c.audiences.map((_, j) => pct((c.counts[i]?.[j] ?? 0) / (n || 1), 0)), c.recall[i] === null || c.recall[i] === undefined ? '—' : pct(c.recall[i], 0)]);
    });
    table(out, rows, '    ');
    if (c.answersOmitted > 0 || c.audiencesOmitted > 0) out.push(`    And ${count(c.answersOmitted)} more answers, ${count(c.audiencesOmitted)} more audiences, not shown.`);
  }

  out.push('', 'TRUST  Share of visitors who opened the explanation, asked for the standard version, or asked to be forgotten');
  const rows: string[][] = [['slot', 'arm', 'experience', 'visitors', 'explanation', 'standard', 'forget']];
  for (const t of p.trust) rows.push([name(t.slot, 40), t.arm, name(t.experience, 40), count(t.n), pct(t.explanationOpened / t.n), pct(t.showStandard / t.n), pct(t.forget / t.n)]);
  table(out, rows);
  if (p.trustOmitted > 0) out.push(`  And ${count(p.trustOmitted)} more rows with fewer visitors.`);
}

/** The header lines: what was read and what was set aside, the same counts as the HTML header. */
export function inputLines(report: Report): string[] {
  const i = report.input;
  const o = report.options;
  const time = i.timeOutOfRange ? ` (${count(i.timeOutOfRange)} with a time outside 2020-01-01 … now + 1 day)` : '';
  return [
    `candor report: ${count(i.lines)} lines, ${count(i.events.exposure)} exposures, ${count(i.events.conversion)} conversions, ${count(i.events.trust)} trust events`,
    `  ${count(i.duplicates)} duplicates removed, ${count(i.laterExposures)} later exposures set aside (the first exposure counts${i.redecided ? `; ${count(i.redecided)} slots decided again when the visitor came to match, read from then for Q1, Q3 and Q4` : ''}), ${count(i.invalid)} invalid lines${time}, ${count(i.visitorsWithoutExposure)} visitors without exposure, ${count(i.conversionsCapped)} conversions beyond the per-visitor cap`,
    `  Window ${o.windowDays} days after first exposure; α ${o.alpha}; always-valid intervals (N* ${count(o.nStar)}); minimum effect ±${pct(o.minEffect, 0)}; Benjamini–Hochberg across experiences × goals; goal for Q3/Q4: ${o.goal ? name(o.goal) : 'none (no conversions)'}`,
  ];
}

/** The answers when there are no headlines: say why, consistently with the header. */
export function emptyAnswer(report: Report): string {
  if (report.input.events.exposure === 0) return 'No valid exposures in the input: nothing to analyse.';
  return 'Nothing to answer yet.';
}

/**
 * The report for a terminal: answers first, then the evidence, every number with its interval.
 * @example process.stdout.write(renderText(analyze(aggregate, { config })));
 */
export function renderText(report: Report): string {
  const out: string[] = inputLines(report);
  if (report.warnings.length > 0) {
    out.push('', 'WARNINGS');
    for (const w of report.warnings) out.push(`  ! ${w}`);
  }
  out.push('', 'ANSWERS');
  if (report.headlines.length > 0) for (const h of report.headlines) out.push(`  • ${h}`);
  else out.push(`  • ${emptyAnswer(report)}`);
  for (const p of report.periods) period(out, p, report, report.periods.length > 1);
  if (report.periodsOmitted.count > 0) out.push('', `And ${count(report.periodsOmitted.count)} more periods (${count(report.periodsOmitted.visitors)} visitors), not analysed.`);
  return out.join('\n') + '\n';
}

/** The report as JSON (numbers as computed; non-finite numbers become null). */
export function renderJson(report: Report): string {
  return JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
