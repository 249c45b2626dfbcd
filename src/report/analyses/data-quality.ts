import type { Config } from '../../core/types.js';
import type { PeriodAggregate } from '../aggregate-types.js';
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
  const slots: Design['slots'] = {};
  for (const [name, s] of Object.entries(config.slots)) slots[name] = { control: share(s.control, 0.1), explore: share(s.explore, 0.1) };
  return { holdout: share(config.holdout, 0.05), slots, versions: [config.version] };
}

function check(split: string, groups: string[], observed: number[], weights: number[], threshold: number): SrmCheck {
  const r = sampleRatioMismatch(observed, weights, threshold);
  return { split, groups, observed, expectedShares: r.expectedShares, observedShares: r.observedShares, chi2: r.chi2, p: r.p, mismatch: r.mismatch };
}

/**
 * Sample-ratio checks (Pearson χ², measurement.md §3.7) for a period: visitors holdout vs rest over the whole
 * period, and per slot holdout vs rest and control / explore / targeted among the rest; plus unknown config versions.
 */
export function dataQuality(period: PeriodAggregate, design: Design | undefined, threshold: number): DataQuality {
  const days = Math.max(0, (period.lastTs - period.firstTs) / 86_400_000);
  if (!design) {
    return {
      srm: null,
      srmNote: 'Sample-ratio checks skipped: pass the site config with --config config.json so the report knows the designed shares.',
      unknownConfigVersions: null,
      days,
    };
  }
  const h = design.holdout;
  const srm: NonNullable<DataQuality['srm']> = [
    { scope: 'all slots', checks: [check('holdout vs rest', ['holdout', 'rest'], [period.groups.holdout.n, period.groups.rest.n], [h, 1 - h], threshold)] },
  ];
  for (const slot of period.slots) {
    const d = design.slots[slot.slot];
    const e = slot.exposures;
    const checks = [check('holdout vs rest', ['holdout', 'rest'], [e.holdout, e.control + e.explore + e.targeted], [h, 1 - h], threshold)];
    if (d) checks.push(check('control / explore / targeted', ['control', 'explore', 'targeted'], [e.control, e.explore, e.targeted], [d.control, d.explore, 1 - d.control - d.explore], threshold));
    srm.push({ scope: slot.slot, checks });
  }
  let unknown: Record<string, number> | null = null;
  if (design.versions) {
    unknown = {};
    for (const slot of period.slots) {
      for (const [version, n] of Object.entries(slot.configVersions)) if (!design.versions.includes(version)) unknown[version] = (unknown[version] ?? 0) + n;
    }
  }
  return { srm, unknownConfigVersions: unknown, days };
}

/** Whether a slot's arm split (control / explore / targeted, or holdout vs rest) failed its check. */
export function slotSrmBlocked(quality: DataQuality, slot: string): boolean {
  return quality.srm?.find((s) => s.scope === slot)?.checks.some((c) => c.mismatch) ?? false;
}

/** Whether the period-wide holdout split failed its check. */
export function holdoutSrmBlocked(quality: DataQuality): boolean {
  return quality.srm?.find((s) => s.scope === 'all slots')?.checks.some((c) => c.mismatch) ?? false;
}
