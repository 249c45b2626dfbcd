import type { PeriodAggregate } from '../aggregate-types.js';
import type { DayRow, TrustRow } from '../report-types.js';

/**
 * Trust, per slot × arm × shown experience: visitors, and how many opened the explanation, asked for the
 * standard version, or asked to be forgotten. An experience that converts but drives opt-outs is a trust failure.
 */
export function trustRates(period: PeriodAggregate): TrustRow[] {
  const rows: TrustRow[] = [];
  for (const slot of period.slots) {
    for (const t of slot.trust) {
      rows.push({ slot: slot.slot, arm: t.arm, experience: t.experience, n: t.n, explanationOpened: t.explanationOpened, showStandard: t.showStandard, forget: t.forget });
    }
  }
  const armOrder = ['targeted', 'explore', 'control', 'holdout'];
  return rows.sort((a, b) => (a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : armOrder.indexOf(a.arm) - armOrder.indexOf(b.arm) || (a.experience < b.experience ? -1 : 1)));
}

/** Visitors and conversions on goal `g` by day of first exposure, holdout vs the rest. */
export function ratesByDay(period: PeriodAggregate, g: number): DayRow[] {
  return period.days.map((d) => ({
    day: d.day,
    holdout: { n: d.holdout.n, conversions: d.holdout.conv[g] ?? 0 },
    rest: { n: d.rest.n, conversions: d.rest.conv[g] ?? 0 },
  }));
}
