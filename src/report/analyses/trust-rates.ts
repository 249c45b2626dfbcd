import type { PeriodAggregate, SlotAggregate } from '../aggregate-types.js';
import type { DayRow, TrustRow } from '../report-types.js';

/** At most this many trust rows per period (the ones with most visitors are kept). */
export const MAX_TRUST_ROWS = 60;

/**
 * Trust, per slot × arm × shown experience: visitors, and how many opened the explanation, asked for the
 * standard version, or asked to be forgotten. An experience that converts but drives opt-outs is a trust failure.
 * At most {@link MAX_TRUST_ROWS} rows (the ones with most visitors); `omitted` counts the rest.
 */
export function trustRates(period: PeriodAggregate, slots: readonly SlotAggregate[] = period.slots): { rows: TrustRow[]; omitted: number } {
  const rows: TrustRow[] = [];
  for (const slot of slots) {
    for (const t of slot.trust) {
      rows.push({ slot: slot.slot, arm: t.arm, experience: t.experience, n: t.n, explanationOpened: t.explanationOpened, showStandard: t.showStandard, forget: t.forget });
    }
  }
  const kept = rows.length > MAX_TRUST_ROWS ? rows.sort((a, b) => b.n - a.n).slice(0, MAX_TRUST_ROWS) : rows;
  const armOrder = ['targeted', 'explore', 'control', 'holdout'];
  kept.sort((a, b) => (a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : armOrder.indexOf(a.arm) - armOrder.indexOf(b.arm) || (a.experience < b.experience ? -1 : 1)));
  return { rows: kept, omitted: rows.length - kept.length };
}

/** Visitors and conversions on goal `g` by day of first exposure, holdout vs the rest. */
export function ratesByDay(period: PeriodAggregate, g: number): DayRow[] {
  return period.days.map((d) => ({
    day: d.day,
    holdout: { n: d.holdout.n, conversions: d.holdout.conv[g] ?? 0 },
    rest: { n: d.rest.n, conversions: d.rest.conv[g] ?? 0 },
  }));
}
