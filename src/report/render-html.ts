import { count, interval, pct, pp, pValue, signedPct, verdictText } from './format.js';
import type { Comparison2, DayRow, PeriodReport, PolicyValue, Report, Verdict } from './report-types.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '0');
const COLORS: Record<Verdict, string> = { better: '#1a7f37', worse: '#c62828', 'no-difference': '#57606a', 'not-enough-data': '#9a6700', blocked: '#8250df' };

interface ForestRow {
  label: string;
  estimate: number;
  ci: [number, number];
  verdict: Verdict;
}

/** A forest plot of relative lifts with their adjusted always-valid intervals, ±δ shaded. */
function forest(rows: ForestRow[], minEffect: number): string {
  if (rows.length === 0) return '';
  const finite = rows.flatMap((r) => [r.ci[0], r.ci[1], r.estimate]).filter((x) => Number.isFinite(x));
  const lo = Math.max(-1, Math.min(-minEffect * 2, ...finite));
  const hi = Math.min(2, Math.max(minEffect * 2, ...finite));
  const W = 760;
  const left = 260;
  const right = 20;
  const rowH = 24;
  const H = rows.length * rowH + 36;
  const x = (v: number): number => left + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (W - left - right);
  const parts: string[] = [
    `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Relative lift per comparison with always-valid 95% intervals">`,
    `<rect x="${num(x(-minEffect))}" y="4" width="${num(x(minEffect) - x(-minEffect))}" height="${H - 30}" fill="#eaeef2"/>`,
    `<line x1="${num(x(0))}" x2="${num(x(0))}" y1="4" y2="${H - 26}" stroke="#57606a"/>`,
  ];
  rows.forEach((r, i) => {
    const y = 16 + i * rowH;
    const c = COLORS[r.verdict];
    parts.push(`<text x="4" y="${y + 4}" font-size="12">${esc(r.label)}</text>`);
    if (Number.isFinite(r.estimate)) {
      parts.push(`<line x1="${num(x(r.ci[0]))}" x2="${num(x(r.ci[1]))}" y1="${y}" y2="${y}" stroke="${c}" stroke-width="2"/>`);
      parts.push(`<circle cx="${num(x(r.estimate))}" cy="${y}" r="4" fill="${c}"><title>${esc(`${signedPct(r.estimate)} ${interval(r.ci, signedPct)}: ${verdictText(r.verdict)}`)}</title></circle>`);
    }
  });
  const ticks = [lo, 0, hi];
  for (const t of [-minEffect, minEffect]) if (Math.abs(x(t) - x(0)) > 40) ticks.push(t);
  for (const t of ticks) {
    parts.push(`<text x="${num(x(t))}" y="${H - 8}" font-size="11" text-anchor="middle">${esc(signedPct(t, 0))}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The Q4 bracket: three policy values with intervals on one axis. */
function bracket(items: { label: string; v: PolicyValue | null }[]): string {
  const ok = items.filter((i): i is { label: string; v: PolicyValue } => i.v !== null && Number.isFinite(i.v.value));
  if (ok.length === 0) return '';
  const all = ok.flatMap((i) => [i.v.ci[0], i.v.ci[1]]).filter((v) => Number.isFinite(v));
  const lo = Math.max(0, Math.min(...all));
  const hi = Math.max(lo + 1e-4, ...all);
  const W = 760;
  const left = 200;
  const H = items.length * 26 + 30;
  const x = (v: number): number => left + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (W - left - 20);
  const parts = [`<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Policy values: current rules, best on these signals, perfect world">`];
  items.forEach((it, i) => {
    const y = 16 + i * 26;
    parts.push(`<text x="4" y="${y + 4}" font-size="12">${esc(it.label)}</text>`);
    if (it.v && Number.isFinite(it.v.value)) {
      parts.push(`<line x1="${num(x(it.v.ci[0]))}" x2="${num(x(it.v.ci[1]))}" y1="${y}" y2="${y}" stroke="#0969da" stroke-width="2"/>`);
      parts.push(`<circle cx="${num(x(it.v.value))}" cy="${y}" r="4" fill="#0969da"><title>${esc(`${pct(it.v.value)} ${interval(it.v.ci, (v) => pct(v))}`)}</title></circle>`);
    }
  });
  for (const t of [lo, (lo + hi) / 2, hi]) parts.push(`<text x="${num(x(t))}" y="${H - 6}" font-size="11" text-anchor="middle">${esc(pct(t))}</text>`);
  parts.push('</svg>');
  return parts.join('');
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
  const values = series.flatMap((s) => [s.holdout, s.rest]).filter((v) => Number.isFinite(v));
  const lo = Math.min(...values);
  const hi = Math.max(lo + 1e-4, ...values);
  const W = 760;
  const H = 200;
  const x = (i: number): number => 50 + (i / (series.length - 1)) * (W - 70);
  const y = (v: number): number => 10 + (1 - (v - lo) / (hi - lo)) * (H - 40);
  const line = (key: 'holdout' | 'rest', color: string): string =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${series
      .map((s, i) => (Number.isFinite(s[key]) ? `${num(x(i))},${num(y(s[key]))}` : ''))
      .filter((p) => p !== '')
      .join(' ')}"/>`;
  const first = series[0]?.day ?? '';
  const last = series[series.length - 1]?.day ?? '';
  return [
    `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Cumulative conversion rate by day, holdout vs personalized">`,
    line('holdout', '#9a6700'),
    line('rest', '#0969da'),
    `<text x="4" y="${num(y(hi) + 4)}" font-size="11">${esc(pct(hi))}</text><text x="4" y="${num(y(lo))}" font-size="11">${esc(pct(lo))}</text>`,
    `<text x="50" y="${H - 6}" font-size="11">${esc(first)}</text><text x="${W - 20}" y="${H - 6}" font-size="11" text-anchor="end">${esc(last)}</text>`,
    `<text x="${W - 20}" y="20" font-size="12" text-anchor="end"><tspan fill="#0969da">■ personalized</tspan> <tspan fill="#9a6700">■ holdout</tspan></text>`,
    '</svg>',
  ].join('');
}

const badge = (v: Verdict, demote = false): string => `<span class="b" style="background:${COLORS[v]}">${esc(verdictText(v, demote))}</span>`;

function comparisonTable(head: string, list: { label: string; c: Comparison2; demote?: boolean }[], controlName: string, treatmentName: string): string {
  const rows = list
    .map(
      ({ label, c, demote }) =>
        `<tr><td>${esc(label)}</td><td>${esc(c.goal)}</td><td>${esc(`${count(c.control.conversions)}/${count(c.control.n)} · ${pct(c.control.rate)}`)}</td><td>${esc(`${count(c.treatment.conversions)}/${count(c.treatment.n)} · ${pct(c.treatment.rate)}`)}</td><td>${esc(`${signedPct(c.relative.estimate)} ${interval(c.ciAdjusted, signedPct)}`)}</td><td>${esc(pp(c.absolute.estimate))}</td><td>${esc(Number.isFinite(c.mdeRelative) ? `±${pct(c.mdeRelative, 1)}` : 'n/a')}</td><td>${esc(count(c.visitorsNeededPerArm))}</td><td>${esc(pValue(c.pAdjusted))}</td><td>${badge(c.verdict, demote)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>${esc(head)}</th><th>goal</th><th>${esc(controlName)}</th><th>${esc(treatmentName)}</th><th>relative lift [always-valid 95%]</th><th>absolute</th><th>MDE now</th><th>more visitors/arm</th><th>p (BH)</th><th>verdict</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const valueText = (v: PolicyValue | null): string => (v ? `${pct(v.value)} ${interval(v.ci, (x) => pct(x))}` : 'n/a');

function periodHtml(p: PeriodReport, report: Report): string {
  const o = report.options;
  const out: string[] = [`<h2>Period ${esc(p.salt)}: ${esc(p.from.slice(0, 10))} → ${esc(p.to.slice(0, 10))} · ${esc(count(p.visitors))} visitors</h2>`];
  out.push('<h3>Data quality</h3>');
  if (p.quality.srm === null) out.push(`<p class="note">${esc(p.quality.srmNote ?? '')}</p>`);
  else {
    const rows = p.quality.srm
      .flatMap((s) =>
        s.checks.map(
          (c) =>
            `<tr><td>${esc(s.scope)}</td><td>${esc(c.split)}</td><td><span class="b" style="background:${c.mismatch ? '#c62828' : '#1a7f37'}">${c.mismatch ? 'mismatch' : 'ok'}</span></td><td>${esc(c.chi2.toFixed(2))}</td><td>${esc(pValue(c.p))}</td><td>${esc(c.groups.map((g, i) => `${g} ${pct(c.observedShares[i] ?? NaN)} (expected ${pct(c.expectedShares[i] ?? NaN)})`).join(' · '))}</td></tr>`,
        ),
      )
      .join('');
    out.push(`<table><thead><tr><th>scope</th><th>split</th><th>sample ratio</th><th>χ²</th><th>p</th><th>observed shares</th></tr></thead><tbody>${rows}</tbody></table>`);
  }
  const unknown = p.quality.unknownConfigVersions;
  if (unknown && Object.keys(unknown).length > 0) out.push(`<p class="note">Exposures under config versions the config does not name: ${esc(Object.entries(unknown).map(([v, n]) => `${v} (${count(n)})`).join(', '))}</p>`);

  const forestRows: ForestRow[] = [];
  for (const c of p.q0.comparisons) if (c.goal === o.goal) forestRows.push({ label: `all · personalized vs holdout`, estimate: c.relative.estimate, ci: c.ciAdjusted, verdict: c.verdict });
  for (const s of p.q1) for (const e of s.experiences) for (const c of e.comparisons) if (c.goal === o.goal) forestRows.push({ label: `${s.slot} · ${e.experience} vs control`, estimate: c.relative.estimate, ci: c.ciAdjusted, verdict: c.verdict });
  for (const s of p.q2) for (const c of s.comparisons) if (c.goal === o.goal) forestRows.push({ label: `${s.slot} · targeted vs explore`, estimate: c.relative.estimate, ci: c.ciAdjusted, verdict: c.verdict });
  out.push(`<h3>Lift on ${esc(o.goal)}, with always-valid 95% intervals (shaded: ±${esc(pct(o.minEffect, 0))}, too small to matter)</h3>`, forest(forestRows, o.minEffect));

  out.push('<h3>Q0 · Does personalization as a whole pay?</h3>', comparisonTable('', p.q0.comparisons.map((c) => ({ label: 'everyone else vs holdout', c })), 'holdout', 'personalized'));
  out.push('<h3>Q1 · Does each experience beat the standard content for the visitors targeting sends to it?</h3>');
  out.push(comparisonTable('slot · experience', p.q1.flatMap((s) => s.experiences.flatMap((e) => e.comparisons.map((c) => ({ label: `${s.slot} · ${e.experience}`, c, demote: true })))), 'control', 'targeted'));
  out.push('<h3>Q2 · Does targeting beat random assignment?</h3>', comparisonTable('slot', p.q2.flatMap((s) => s.comparisons.map((c) => ({ label: s.slot, c }))), 'explore', 'targeted'));

  out.push(`<h3>Q3 · Would another segmentation do better? (off-policy, ${esc(o.goal)})</h3>`);
  for (const s of p.q3) {
    out.push(
      `<p><b>${esc(s.slot)}</b>: current rules ${esc(valueText(s.currentRules))} (doubly robust ${esc(pct(s.currentRulesDr.value))}); best single experience <b>${esc(s.bestSingle.experience)}</b> ${esc(valueText(s.bestSingle.value))}${s.enoughData ? '' : ' · <i>not enough data</i>'}</p>`,
    );
    const rows = s.dimensions
      .map(
        (d, i) =>
          `<tr><td>${i + 1}</td><td>${esc(d.label)}${d.shadow ? ' <i>(shadow)</i>' : ''}</td><td>${esc(`${pp(d.vos.value)} ${interval(d.vos.ci, pp)}`)}</td><td>${esc(pp(d.vosInSample.value))}</td><td>${esc(`${d.policy.inside} / ${d.policy.outside}`)}</td><td>${esc(pValue(d.moderation.pAdjusted))}</td></tr>`,
      )
      .join('');
    out.push(`<table><thead><tr><th>rank</th><th>segmenting by</th><th>worth (cross-fitted)</th><th>in-sample (optimistic)</th><th>policy in / out</th><th>moderation p (BH)</th></tr></thead><tbody>${rows}</tbody></table>`);
  }

  out.push(`<h3>Q4 · How far from the best? (${esc(o.goal)})</h3>`);
  for (const s of p.q4) {
    out.push(`<p><b>${esc(s.slot)}</b>: ${esc(count(s.answered))} self-identified visitors, ${esc(count(s.answeredConversions))} conversions. ${esc(s.note)}</p>`);
    out.push(
      bracket([
        { label: 'current rules', v: s.currentRules },
        { label: 'best on these signals', v: s.bestOnSignals },
        { label: 'perfect world', v: s.perfectWorld },
      ]),
    );
  }
  for (const c of p.confusion) {
    const head = c.audiences.map((a) => `<th>${esc(a)}</th>`).join('');
    const rows = c.answers
      .map((a, i) => {
        const n = c.totals[i] ?? 0;
        const r = c.recall[i];
        return `<tr><td>${esc(a)}</td><td>${esc(count(n))}</td>${c.audiences.map((_, j) => `<td>${esc(pct((c.counts[i]?.[j] ?? 0) / (n || 1), 0))}</td>`).join('')}<td>${r === null || r === undefined ? '—' : esc(pct(r, 0))}</td></tr>`;
      })
      .join('');
    out.push(`<p>Declared “${esc(c.key)}” vs inferred audiences (share of respondents matching each audience):</p><table><thead><tr><th>answer</th><th>n</th>${head}<th>inferred right</th></tr></thead><tbody>${rows}</tbody></table>`);
  }

  out.push('<h3>Trust</h3>');
  const trustRows = p.trust
    .map((t) => `<tr><td>${esc(t.slot)}</td><td>${esc(t.arm)}</td><td>${esc(t.experience)}</td><td>${esc(count(t.n))}</td><td>${esc(pct(t.explanationOpened / t.n))}</td><td>${esc(pct(t.showStandard / t.n))}</td><td>${esc(pct(t.forget / t.n))}</td></tr>`)
    .join('');
  out.push(`<table><thead><tr><th>slot</th><th>arm</th><th>experience</th><th>visitors</th><th>opened explanation</th><th>asked for standard</th><th>forget</th></tr></thead><tbody>${trustRows}</tbody></table>`);
  out.push(`<h3>Conversion rate over time (${esc(o.goal)}, cumulative by day of first exposure)</h3>`, overTime(p.days));
  return out.join('\n');
}

const CSS =
  'body{font:14px/1.45 system-ui,sans-serif;color:#1f2328;max-width:1100px;margin:2em auto;padding:0 1em}h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #d0d7de}h3{margin-top:1.5em;font-size:1.05em}table{border-collapse:collapse;margin:.5em 0;font-size:13px}td,th{border-bottom:1px solid #eaeef2;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}.b{color:#fff;border-radius:3px;padding:0 6px;font-size:12px;white-space:nowrap}.note{color:#9a6700}ul.answers li{margin:.3em 0}svg{max-width:760px;display:block}';

/**
 * A self-contained HTML report (inline CSS and SVG, no scripts, no network): answers, data quality, a forest plot
 * of lifts, Q0–Q4 tables, the Q4 bracket, trust rates and conversion rates over time.
 * @example writeFileSync('report.html', renderHtml(report));
 */
export function renderHtml(report: Report): string {
  const i = report.input;
  const o = report.options;
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>Candor report</title><style>${CSS}</style></head><body>`,
    '<h1>Candor report</h1>',
    `<p>${esc(`${count(i.lines)} lines · ${count(i.events.exposure)} exposures · ${count(i.events.conversion)} conversions · ${count(i.events.trust)} trust events · ${count(i.duplicates)} duplicates removed · ${count(i.invalid)} invalid lines · window ${o.windowDays} days · α ${o.alpha} · always-valid intervals (N* ${count(o.nStar)})`)}</p>`,
    '<h2>Answers</h2><ul class="answers">',
    ...(report.headlines.length > 0 ? report.headlines : ['No exposures in the input: nothing to analyse.']).map((h) => `<li>${esc(h)}</li>`),
    '</ul>',
    ...report.periods.map((p) => periodHtml(p, report)),
    '</body></html>',
  ].join('\n');
}
