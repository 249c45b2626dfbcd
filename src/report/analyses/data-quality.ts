import type { Config } from '../../core/types.js';
import type { PeriodAggregate, SlotAggregate } from '../aggregate-types.js';
import { own, record } from '../own.js';
import type { DataQuality, SrmCheck } from '../report-types.js';
import { sampleRatioMismatch } from '../stats/index.js';

/**
 * The randomization design: the shares the sample-ratio checks expect. Logged propensities cannot serve
 * (they are what a broken logger would also get wrong), so the design comes from the site's config.
 */
export interface Design {
  holdout: number;
  slots: Record<string, { control: number; explore: number }>;
  /** Config versions the design belongs to; exposures under other versions are reported as unknown. */
  versions?: string[];
}

/**
 * The design of a site config (`candor report --config config.json`).
 * @example designFromConfig(JSON.parse(readFileSync('config.json', 'utf8')))
 */
export function designFromConfig(config: Pick<Config, 'holdout' | 'slots' | 'version'>): Design {
  // Configs arrive as JSON from disk: shares may be missing; the defaults are the config defaults.
  const share = (x: unknown, fallback: number): number => (typeof x === 'number' ? x : fallback);
  const slots: Design['slots'] = record();
  for (const [name, s] of Object.entries(config.slots)) slots[name] = { control: share(s.control, 0.1), explore: share(s.explore, 0.1) };
  return { holdout: share(config.holdout, 0.05), slots, versions: [config.version] };
}

function check(split: string, groups: string[], observed: number[], weights: number[], threshold: number): SrmCheck {
  const r = sampleRatioMismatch(observed, weights, threshold);
  return { split, groups, observed, expectedShares: r.expectedShares, observedShares: r.observedShares, chi2: r.chi2, p: r.p, mismatch: r.mismatch };
}

/** Why the sample-ratio checks are skipped when no design is given. */
export const NO_DESIGN_NOTE = 'Sample-ratio checks skipped: pass the site config with --config config.json so the report knows the designed shares.';

/**
 * Sample-ratio checks (Pearson χ², docs/measurement.md §3.7) for a period: visitors holdout vs rest over the whole
 * period, and per slot (of `slots`, default all) holdout vs rest and control / explore / targeted among the rest;
 * plus unknown config versions and slots. `skipNote` (an invalid config) skips the checks with that note while the
 * known versions still come from `versions`.
 */
export function dataQuality(
  period: PeriodAggregate,
  design: Design | undefined,
  threshold: number,
  slots: readonly SlotAggregate[] = period.slots,
  skip?: { note: string; versions?: string[]; slots?: string[] },
): DataQuality {
  const days = Math.max(0, (period.lastTs - period.firstTs) / 86_400_000);
  const unknownOf = (versions: string[] | undefined, known: string[] | undefined): Pick<DataQuality, 'unknownConfigVersions' | 'unknownSlots'> => {
    let unknownConfigVersions: Record<string, number> | null = null;
    if (versions) {
      unknownConfigVersions = record();
      for (const slot of period.slots) {
        for (const [version, n] of Object.entries(slot.configVersions)) if (!versions.includes(version)) unknownConfigVersions[version] = (own(unknownConfigVersions, version) ?? 0) + n;
      }
    }
    let unknownSlots: Record<string, number> | null = null;
    if (known) {
      unknownSlots = record();
      const names = new Set(known);
      for (const slot of period.slots) {
        if (names.has(slot.slot)) continue;
        const e = slot.exposures;
        unknownSlots[slot.slot] = e.holdout + e.control + e.explore + e.targeted;
      }
    }
    return { unknownConfigVersions, unknownSlots };
  };
  if (!design) {
    return { srm: null, srmNote: skip?.note ?? NO_DESIGN_NOTE, ...unknownOf(skip?.versions, skip?.slots), days };
  }
  const h = design.holdout;
  const srm: NonNullable<DataQuality['srm']> = [
    { scope: 'all slots', checks: [check('holdout vs rest', ['holdout', 'rest'], [period.groups.holdout.n, period.groups.rest.n], [h, 1 - h], threshold)] },
  ];
  for (const slot of slots) {
    const d = own(design.slots, slot.slot);
    const e = slot.exposures;
    const checks = [check('holdout vs rest', ['holdout', 'rest'], [e.holdout, e.control + e.explore + e.targeted], [h, 1 - h], threshold)];
    if (d) checks.push(check('control / explore / targeted', ['control', 'explore', 'targeted'], [e.control, e.explore, e.targeted], [d.control, d.explore, 1 - d.control - d.explore], threshold));
    srm.push({ scope: slot.slot, checks });
  }
  return { srm, ...unknownOf(design.versions, Object.keys(design.slots)), days };
}

/** Whether a slot's arm split (control / explore / targeted, or holdout vs rest) failed its check. */
export function slotSrmBlocked(quality: DataQuality, slot: string): boolean {
  return quality.srm?.find((s) => s.scope === slot)?.checks.some((c) => c.mismatch) ?? false;
}

/** Whether the period-wide holdout split failed its check. */
export function holdoutSrmBlocked(quality: DataQuality): boolean {
  return quality.srm?.find((s) => s.scope === 'all slots')?.checks.some((c) => c.mismatch) ?? false;
}
