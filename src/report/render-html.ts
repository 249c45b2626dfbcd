import { count, hasInterval, interval, moreShort, name, pct, pp, pValue, signedPct, verdictText, withInterval } from './format.js';
import { emptyAnswer, inputLines, LIFT_LEGEND } from './render-text.js';
import type { Comparison2, DayRow, DimensionValue, PeriodReport, PolicyValue, RatioValue, Report, Verdict } from './report-types.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '0');
const COLORS: Record<Verdict, string> = { better: '#1a7f37', worse: '#c62828', 'no-difference': '#57606a', 'not-enough-data': '#9a6700', blocked: '#8250df' };
const W = 760;

/**
 * Axis ticks for [lo, hi]: "nice" steps (1, 2, 2.5, 5 × 10ⁿ) giving at most `max` ticks, 0 included when in range,
 * and no two ticks closer than `minGap` pixels (a tick too close to one already placed is dropped, 0 always kept).
 */
export function ticks(lo: number, hi: number, x: (v: number) => number, max = 6, minGap = 48): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, max - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const values: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  const placed: number[] = lo <= 0 && hi >= 0 ? [0] : [];
  for (const v of values) if (placed.every((p) => Math.abs(x(p) - x(v)) >= minGap)) placed.push(v);
  return placed.sort((a, b) => a - b);
}

/** An arrowhead at (x, y) pointing left (-1) or right (+1): marks an interval that runs past the axis. */
const arrow = (x: number, y: number, dir: -1 | 1, color: string): string =>
  `<path d="M${num(x)},${num(y)} l${num(-dir * 8)},-5 v10 z" fill="${color}"><title>interval continues beyond the axis</title></path>`;

interface PlotRow {
  label: string;
  estimate: number;
  ci: [number, number];
  color: string;
  /** The value label printed right of the plot. */
  text: string;
}

/**
 * A dot-and-interval plot with row labels on the left and value labels on the right. Intervals that run past the
 * axis range are cut at the edge and marked with an arrowhead; rows without an interval say "no data".
 */
function dotPlot(rows: PlotRow[], range: [number, number], fmt: (x: number) => string, ariaLabel: string, shade?: [number, number]): string {
  if (rows.length === 0) return '';
  const [lo, hi] = range;
  const left = 210;
  const right = 190;
  const rowH = 26;
  const H = rows.length * rowH + 34;
  const x = (v: number): number => left + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (W - left - right);
  const parts: string[] = [`<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(ariaLabel)}">`];
  if (shade) parts.push(`<rect x="${num(x(shade[0]))}" y="4" width="${num(x(shade[1]) - x(shade[0]))}" height="${H - 30}" fill="#eaeef2"/>`);
  if (lo <= 0 && hi >= 0) parts.push(`<line x1="${num(x(0))}" x2="${num(x(0))}" y1="4" y2="${H - 26}" stroke="#57606a"/>`);
  rows.forEach((r, i) => {
    const y = 17 + i * rowH;
    parts.push(`<text x="4" y="${y + 4}" font-size="12">${esc(name(r.label, 32))}</text>`);
    parts.push(`<text x="${W - 4}" y="${y + 4}" font-size="12" text-anchor="end" fill="${r.color}">${esc(r.text)}</text>`);
    if (!Number.isFinite(r.estimate)) return;
    if (hasInterval(r.ci)) {
      parts.push(`<line x1="${num(x(r.ci[0]))}" x2="${num(x(r.ci[1]))}" y1="${y}" y2="${y}" stroke="${r.color}" stroke-width="2"/>`);
      if (r.ci[0] < lo) parts.push(arrow(x(lo), y, -1, r.color));
      if (r.ci[1] > hi) parts.push(arrow(x(hi), y, 1, r.color));
    }
    const clipped = r.estimate < lo || r.estimate > hi;
    parts.push(`<circle cx="${num(x(r.estimate))}" cy="${y}" r="4" fill="${clipped ? '#fff' : r.color}" stroke="${r.color}"><title>${esc(`${r.label}: ${r.text}`)}</title></circle>`);
  });
  for (const t of ticks(lo, hi, x)) {
    parts.push(`<line x1="${num(x(t))}" x2="${num(x(t))}" y1="${H - 26}" y2="${H - 21}" stroke="#57606a"/>`);
    parts.push(`<text x="${num(x(t))}" y="${H - 8}" font-size="11" text-anchor="middle">${esc(fmt(t))}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** A forest plot of relative lifts with their adjusted always-valid intervals, ±δ shaded; the axis stops at −100 % and +200 %. */
function forest(rows: { label: string; c: Comparison2 }[], minEffect: number): string {
  const finite = rows.flatMap(({ c }) => [c.ciAdjusted[0], c.ciAdjusted[1], c.relative.estimate]).filter((v) => Number.isFinite(v));
  const lo = Math.max(-1, Math.min(-minEffect * 2, ...finite));
  const hi = Math.min(2, Math.max(minEffect * 2, ...finite));
  return dotPlot(
    rows.map(({ label, c }) => ({ label, estimate: c.relative.estimate, ci: c.ciAdjusted, color: COLORS[c.verdict], text: withInterval(c.relative.estimate, c.ciAdjusted, (v) => signedPct(v, 0)) })),
    [lo, hi],
    (v) => signedPct(v, 0),
    'Relative lift per comparison with always-valid 95% intervals',
    [-minEffect, minEffect],
  );
}

/** Policy values (rates) with intervals on one axis starting at 0. */
function ratePlot(items: { label: string; v: PolicyValue | null }[], ariaLabel: string): string {
  const ok = items.filter((i) => i.v !== null && Number.isFinite(i.v.value));
  if (ok.length === 0) return '';
  const all = ok.flatMap((i) => (i.v ? [i.v.value, ...(hasInterval(i.v.ci) ? i.v.ci : [])] : []));
  const hi = Math.max(1e-4, ...all) * 1.05;
  return dotPlot(
    items.map(({ label, v }) => ({ label, estimate: v?.value ?? NaN, ci: v?.ci ?? [NaN, NaN], color: '#0969da', text: v ? withInterval(v.value, v.ci, (x) => pct(x)) : 'no data' })),
    [0, hi],
    (x) => pct(x, hi < 0.02 ? 2 : 1),
    ariaLabel,
  );
}

/** Cumulative conversion rate by day, holdout vs personalized. */
function overTime(days: DayRow[]): string {
  if (days.length < 2) return '';
  let hn = 0;
  let hc = 0;
  let rn = 0;
  let rc = 0;
  const series = days.map((d) => {
    hn += d.holdout.n;
    hc += d.holdout.conversions;
    rn += d.rest.n;
    rc += d.rest.conversions;
    return { day: d.day, holdout: hn > 0 ? hc / hn : NaN, rest: rn > 0 ? rc / rn : NaN };
  });
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const v of [s.holdout, s.rest]) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(lo)) return '';
  hi = Math.max(lo + 1e-4, hi);
  const H = 200;
  const x = (i: number): number => 60 + (i / (series.length - 1)) * (W - 130);
  const y = (v: number): number => 10 + (1 - (v - lo) / (hi - lo)) * (H - 40);
  const line = (key: 'holdout' | 'rest', color: string): string =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${series
      .map((s, i) => (Number.isFinite(s[key]) ? `${num(x(i))},${num(y(s[key]))}` : ''))
      .filter((p) => p !== '')
      .join(' ')}"/>`;
  const last = series[series.length - 1];
  const end = (key: 'holdout' | 'rest', color: string): string =>
    last && Number.isFinite(last[key]) ? `<text x="${W - 64}" y="${num(y(last[key]) + 4)}" font-size="11" fill="${color}">${esc(pct(last[key]))}</text>` : '';
  return [
    `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Cumulative conversion rate by day, holdout vs personalized">`,
    line('holdout', '#9a6700'),
    line('rest', '#0969da'),
    end('holdout', '#9a6700'),
    end('rest', '#0969da'),
    `<text x="4" y="${num(y(hi) + 4)}" font-size="11">${esc(pct(hi))}</text><text x="4" y="${num(y(lo))}" font-size="11">${esc(pct(lo))}</text>`,
    `<text x="60" y="${H - 6}" font-size="11">${esc(series[0]?.day ?? '')}</text><text x="${W - 70}" y="${H - 6}" font-size="11" text-anchor="end">${esc(last?.day ?? '')}</text>`,
    `<text x="${(W - 70 + 60) / 2}" y="${H - 6}" font-size="12" text-anchor="middle"><tspan fill="#0969da">■ personalized</tspan> <tspan fill="#9a6700">■ holdout</tspan></text>`,
    '</svg>',
  ].join('');
}

const badge = (v: Verdict, demote = false): string => `<span class="b" style="background:${COLORS[v]}">${esc(verdictText(v, demote))}</span>`;
const wrap = (tableHtml: string): string => `<div class="scroll">${tableHtml}</div>`;

function comparisonTable(head: string, list: { label: string; c: Comparison2; demote?: boolean }[], controlName: string, treatmentName: string, report: Report, perDay: number | null): string {
  if (list.length === 0) return '<p class="note">No conversions yet: nothing to compare.</p>';
  const alpha = report.options.alpha;
  const rows = list
    .map(({ label, c, demote }) => {
      const need = c.verdict === 'not-enough-data' ? moreShort(c.needed, perDay) : '—';
      return `<tr><td>${esc(name(label))}</td><td>${esc(name(c.goal, 40))}</td><td>${esc(`${count(c.control.conversions)}/${count(c.control.n)} · ${pct(c.control.rate)}`)}</td><td>${esc(`${count(c.treatment.conversions)}/${count(c.treatment.n)} · ${pct(c.treatment.rate)}`)}</td><td>${esc(withInterval(c.relative.estimate, c.ciAdjusted, signedPct))}</td><td>${esc(pValue(c.pAdjusted))}${c.pAdjusted < alpha ? '' : ' <i>noise?</i>'}</td><td>${esc(withInterval(c.absolute.estimate, c.absolute.ci, pp))}</td><td>${esc(Number.isFinite(c.mdeRelative) ? `±${pct(c.mdeRelative, 1)}` : 'n/a')}</td><td>${esc(need)}</td><td>${badge(c.verdict, demote)}</td></tr>`;
    })
    .join('');
  return wrap(
    `<table><thead><tr><th>${esc(head)}</th><th>goal</th><th>${esc(controlName)}</th><th>${esc(treatmentName)}</th><th>relative lift [always-valid 95%, adjusted]</th><th title="Benjamini–Hochberg-adjusted always-valid p">adj. p</th><th>absolute</th><th>MDE now</th><th>more visitors (days)</th><th>verdict</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

const ratioText = (r: RatioValue | null): string => (r && Number.isFinite(r.ratio) && hasInterval(r.ci) ? `${pct(r.ratio, 0)} ${interval(r.ci, (x) => pct(x, 0))}` : 'no data');
const dimensionWorth = (d: DimensionValue): string => (!(d.vos.se > 0) && d.vos.value === 0 ? 'no data: learned rules ignore it' : withInterval(d.vos.value, d.vosSimultaneous, pp));

function periodHtml(p: PeriodReport, report: Report): string {
  const o = report.options;
  const goalName = o.goal === '' ? 'no goal yet' : name(o.goal);
  const out: string[] = [`<h2>Period ${esc(name(p.salt))}: ${esc(p.from.slice(0, 10))} → ${esc(p.to.slice(0, 10))} · ${esc(count(p.visitors))} visitors${p.perDay !== null ? ` · ${esc(count(p.perDay))} a day` : ''}</h2>`];
  out.push('<h3>Data quality</h3>');
  if (p.quality.srm === null) out.push(`<p class="note">${esc(p.quality.srmNote ?? '')}</p>`);
  else {
    const rows = p.quality.srm
      .flatMap((s) =>
        s.checks.map(
          (c) =>
            `<tr><td>${esc(name(s.scope))}</td><td>${esc(c.split)}</td><td><span class="b" style="background:${c.mismatch ? '#c62828' : '#1a7f37'}">${c.mismatch ? 'mismatch' : 'ok'}</span></td><td>${esc(Number.isFinite(c.chi2) ? c.chi2.toFixed(2) : '∞')}</td><td>${esc(pValue(c.p))}</td><td>${esc(c.groups.map((g, i) => `${g} ${pct(c.observedShares[i] ?? NaN)} (expected ${pct(c.expectedShares[i] ?? NaN)})`).join(' · '))}</td></tr>`,
        ),
      )
      .join('');
    out.push(wrap(`<table><thead><tr><th>scope</th><th>split</th><th>sample ratio</th><th>χ²</th><th>p</th><th>observed shares</th></tr></thead><tbody>${rows}</tbody></table>`));
  }
  const named = (entries: [string, number][]): string => entries.slice(0, 10).map(([v, n]) => `${name(v, 40)} (${count(n)})`).join(', ') + (entries.length > 10 ? ` and ${count(entries.length - 10)} more` : '');
  const unknown = Object.entries(p.quality.unknownConfigVersions ?? {});
  if (unknown.length > 0) out.push(`<p class="note">Exposures under config versions the config does not name: ${esc(named(unknown))}</p>`);
  const unknownSlots = Object.entries(p.quality.unknownSlots ?? {});
  if (unknownSlots.length > 0) out.push(`<p class="note">Exposures in slots the config does not name: ${esc(named(unknownSlots))}</p>`);
  if (p.slotsOmitted.count > 0) out.push(`<p class="note">And ${esc(count(p.slotsOmitted.count))} more slots (${esc(count(p.slotsOmitted.visitors))} first exposures), not analysed separately.</p>`);

  const forestRows: { label: string; c: Comparison2 }[] = [];
  for (const c of p.q0.comparisons) if (c.goal === o.goal) forestRows.push({ label: 'all · personalized vs holdout', c });
  for (const s of p.q1) for (const e of s.experiences) for (const c of e.comparisons) if (c.goal === o.goal) forestRows.push({ label: `${name(s.slot, 16)} · ${name(e.experience, 16)} vs control`, c });
  for (const s of p.q2) for (const c of s.comparisons) if (c.goal === o.goal) forestRows.push({ label: `${name(s.slot, 16)} · targeted vs explore`, c });
  if (forestRows.length > 0) {
    out.push(
      `<h3>Lift on ${esc(goalName)}, with always-valid 95% intervals (shaded: ±${esc(pct(o.minEffect, 0))}, too small to matter; ▸ an interval runs past the axis)</h3>`,
      `<div class="plot">${forest(forestRows, o.minEffect)}</div>`,
    );
  }

  const legend = `<p class="legend">${esc(LIFT_LEGEND.replace('±δ', `±${pct(o.minEffect, 0)}`))}</p>`;
  out.push('<h3>Q0 · Does personalization as a whole pay?</h3>', comparisonTable('', p.q0.comparisons.map((c) => ({ label: 'everyone else vs holdout', c })), 'holdout', 'personalized', report, p.perDay));
  out.push('<h3>Q1 · Does each experience beat the standard content for the visitors targeting sends to it?</h3>');
  out.push(comparisonTable('slot · experience', p.q1.flatMap((s) => s.experiences.flatMap((e) => e.comparisons.map((c) => ({ label: `${name(s.slot, 40)} · ${name(e.experience, 40)}`, c, demote: true })))), 'control', 'targeted', report, p.perDay));
  const expOmitted = p.q1.reduce((t, s) => t + s.experiencesOmitted, 0);
  if (expOmitted > 0) out.push(`<p class="note">And ${esc(count(expOmitted))} more experiences, not compared.</p>`);
  out.push('<h3>Q2 · Does targeting beat random assignment?</h3>', comparisonTable('slot', p.q2.flatMap((s) => s.comparisons.map((c) => ({ label: s.slot, c }))), 'explore', 'targeted', report, p.perDay));
  out.push(legend);

  out.push(`<h3>Q3 · Would another segmentation do better? (off-policy, ${esc(goalName)})</h3>`);
  if (p.q3.length === 0) out.push('<p class="note">No conversions yet: nothing to value.</p>');
  for (const s of p.q3) {
    out.push(
      `<p><b>${esc(name(s.slot))}</b>: current rules ${esc(withInterval(s.currentRules.value, s.currentRules.ci, (x) => pct(x)))} (doubly robust ${esc(pct(s.currentRulesDr.value))}); best single experience <b>${esc(name(s.bestSingle.experience))}</b> ${esc(withInterval(s.bestSingle.value.value, s.bestSingle.value.ci, (x) => pct(x)))}; rules vs best single ${esc(withInterval(s.rulesVsBestSingle.value, s.rulesVsBestSingle.ci, pp))}${s.enoughData ? '' : ' · <i>not enough data</i>'}${s.srmCaveat ? ' · <span class="note">caution: sample ratio mismatch, values may be biased</span>' : ''}</p>`,
    );
    if (s.dimensions.length === 0) continue;
    if (!s.enoughData) {
      out.push(`<p class="note">${esc(count(s.dimensions.length))} logged audiences; their values mean something from 100 conversions in the slot on.</p>`);
      continue;
    }
    const rows = s.dimensions
      .map(
        (d, i) =>
          `<tr><td>${i + 1}</td><td>${esc(name(d.label))}${d.shadow ? ' <i>(shadow)</i>' : ''}</td><td>${esc(dimensionWorth(d))}</td><td>${esc(pp(d.vosInSample.value))}</td><td>${esc(`${name(d.policy.inside, 30)} / ${name(d.policy.outside, 30)}`)}</td><td>${esc(pValue(d.moderation.pAdjusted))}</td></tr>`,
      )
      .join('');
    const more = s.dimensionsOmitted > 0 ? `<tr><td></td><td colspan="5">and ${esc(count(s.dimensionsOmitted))} more audiences, not evaluated</td></tr>` : '';
    out.push(
      wrap(`<table><thead><tr><th>rank</th><th>segmenting by</th><th>worth, learned on one half, measured on the other [simultaneous 95% over ${s.k}]</th><th>in-sample (optimistic)</th><th>in-sample rule in / out</th><th>moderation p (BH)</th></tr></thead><tbody>${rows}${more}</tbody></table>`),
      `<p class="legend">Intervals are simultaneous over the ${s.k} audience${s.k === 1 ? '' : 's'} ranked (Bonferroni): picking the top one cannot make its interval too narrow.</p>`,
    );
  }

  out.push(`<h3>Q4 · How far from the best? (${esc(goalName)})</h3>`);
  if (p.q4.length === 0) out.push('<p class="note">No conversions yet: nothing to value.</p>');
  for (const s of p.q4) {
    out.push(
      `<p><b>${esc(name(s.slot))}</b>: your rules reach <b>${esc(ratioText(s.reachOfBest))}</b> of the best rule on these signals and <b>${esc(ratioText(s.reachOfPerfect))}</b> of a perfect world. ${esc(s.note)}</p>`,
    );
    const plot = ratePlot(
        [
          { label: 'current rules (all)', v: s.currentRulesAll },
          { label: 'best on signals (all)', v: s.bestOnSignalsAll },
          // Respondents' values only once there are enough answers: before that they are noise, and the note says so.
          ...(s.enoughData
            ? [
                { label: 'current rules (resp.)', v: s.currentRules },
                { label: 'best on signals (resp.)', v: s.bestOnSignals },
                { label: 'perfect world (resp.)', v: s.perfectWorld },
              ]
            : []),
        ],
        'Conversion rate under the current rules, the best rule on these signals and a perfect world, on every visitor and on respondents',
    );
    if (plot !== '') out.push(`<div class="plot">${plot}</div>`);
    const nr = s.nonResponse;
    if (nr) out.push(`<p class="legend">Respondents vs the other visitors, current rules: ${esc(withInterval(nr.respondents.value, nr.respondents.ci, (x) => pct(x)))} vs ${esc(withInterval(nr.others.value, nr.others.ci, (x) => pct(x)))}, p ${esc(pValue(nr.p))} (the non-response caveat needs p &lt; 0.01). Where a rule is learned, it is learned on one half of the visitors and valued on the other; (resp.) = on the ${esc(count(s.answered))} visitors who said who they are.</p>`);
  }
  for (const c of p.confusion) {
    const head = c.audiences.map((a) => `<th>${esc(name(a, 30))}</th>`).join('');
    const rows = c.answers
      .map((a, i) => {
        const n = c.totals[i] ?? 0;
        const r = c.recall[i];
        return `<tr><td>${esc(name(a, 40))}</td><td>${esc(count(n))}</td>${c.audiences.map((_, j) => `<td>${esc(pct((c.counts[i]?.[j] ?? 0) / (n || 1), 0))}</td>`).join('')}<td>${r === null || r === undefined ? '—' : esc(pct(r, 0))}</td></tr>`;
      })
      .join('');
    out.push(`<p>Declared “${esc(name(c.key, 40))}” vs inferred audiences (share of respondents matching each audience):</p>`, wrap(`<table><thead><tr><th>answer</th><th>n</th>${head}<th>inferred right</th></tr></thead><tbody>${rows}</tbody></table>`));
    if (c.answersOmitted > 0 || c.audiencesOmitted > 0) out.push(`<p class="note">And ${esc(count(c.answersOmitted))} more answers, ${esc(count(c.audiencesOmitted))} more audiences, not shown.</p>`);
  }

  out.push('<h3>Trust</h3>');
  const trustRows = p.trust
    .map((t) => `<tr><td>${esc(name(t.slot, 40))}</td><td>${esc(t.arm)}</td><td>${esc(name(t.experience, 40))}</td><td>${esc(count(t.n))}</td><td>${esc(pct(t.explanationOpened / t.n))}</td><td>${esc(pct(t.showStandard / t.n))}</td><td>${esc(pct(t.forget / t.n))}</td></tr>`)
    .join('');
  if (p.trust.length === 0) out.push('<p class="note">No visitors in the analysed slots yet.</p>');
  else out.push(wrap(`<table><thead><tr><th>slot</th><th>arm</th><th>experience</th><th>visitors</th><th>opened explanation</th><th>asked for standard</th><th>forget</th></tr></thead><tbody>${trustRows}</tbody></table>`));
  if (p.trustOmitted > 0) out.push(`<p class="note">And ${esc(count(p.trustOmitted))} more rows with fewer visitors.</p>`);
  if (p.days.length >= 2) out.push(`<h3>Conversion rate over time (${esc(goalName)}, cumulative by day of first exposure)</h3>`, `<div class="plot">${overTime(p.days)}</div>`);
  return out.join('\n');
}

const CSS =
  'body{font:14px/1.45 system-ui,sans-serif;color:#1f2328;max-width:1240px;margin:2em auto;padding:0 1em}h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #d0d7de;overflow-wrap:anywhere}h3{margin-top:1.5em;font-size:1.05em}p,li{overflow-wrap:anywhere}.scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}table{border-collapse:collapse;margin:.5em 0;font-size:13px}td,th{border-bottom:1px solid #eaeef2;padding:3px 8px;text-align:left;vertical-align:top;white-space:nowrap}th{background:#f6f8fa}.b{color:#fff;border-radius:3px;padding:0 6px;font-size:12px;white-space:nowrap}.note{color:#9a6700}.legend{color:#57606a;font-size:12px}ul.answers li{margin:.3em 0}ul.warnings li{color:#c62828}.plot{overflow-x:auto}.plot svg{min-width:560px;max-width:760px;display:block}';

/** The favicon: a small inline SVG (a data URI, so the file stays self-contained and asks the network for nothing). */
const FAVICON =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0969da"/><path d="M4 11V8M8 11V5M12 11V7" stroke="#fff" stroke-width="2" stroke-linecap="round"/></svg>',
  );

/**
 * A self-contained HTML report (inline CSS and SVG, a data-URI favicon, no scripts, no network): warnings, answers,
 * data quality, a forest plot of lifts, Q0–Q4 tables, the Q4 values, trust rates and conversion rates over time.
 * Tables scroll sideways on narrow screens; plots carry value labels and mark intervals that run past their axis.
 * @example writeFileSync('report.html', renderHtml(report));
 */
export function renderHtml(report: Report): string {
  const out: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>Candor report</title><link rel="icon" href="${esc(FAVICON)}"><style>${CSS}</style></head><body>`,
    '<h1>Candor report</h1>',
  ];
  for (const line of inputLines(report)) out.push(`<p class="legend">${esc(line.trim())}</p>`);
  if (report.warnings.length > 0) {
    out.push('<h2>Warnings</h2><ul class="warnings">');
    for (const w of report.warnings) out.push(`<li>${esc(w)}</li>`);
    out.push('</ul>');
  }
  out.push('<h2>Answers</h2><ul class="answers">');
  if (report.headlines.length > 0) for (const h of report.headlines) out.push(`<li>${esc(h)}</li>`);
  else out.push(`<li>${esc(emptyAnswer(report))}</li>`);
  out.push('</ul>');
  for (const p of report.periods) out.push(periodHtml(p, report));
  if (report.periodsOmitted.count > 0) out.push(`<p class="note">And ${esc(count(report.periodsOmitted.count))} more periods (${esc(count(report.periodsOmitted.visitors))} visitors), not analysed.</p>`);
  out.push('</body></html>');
  return out.join('\n');
}
