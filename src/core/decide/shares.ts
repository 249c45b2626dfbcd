import type { ConsentState, StickyAssignment, ValidConfig } from '../types.js';
import { own } from './own-key.js';

/** The shares key of {@link sharesKey}, from its parts. */
export const sharesOf = (salt: string, h: number, c: number, e: number, independent: boolean): string => `${salt}|2|${h}/${c}/${e}${independent ? '|i' : ''}`;

/**
 * The key of the analysis period, decision model and shares a slot's assignment depends on:
 * `salt|2|holdout/control/explore`, with `|i` for an independent slot. Stored with each assignment; a stored assignment
 * made in another period (salt), under another decision model or under other shares is decided again.
 * @example sharesKey(config, 'hero') // 'acme-q4|2|0.05/0.1/0.1'
 */
export function sharesKey(config: ValidConfig, slot: string): string {
  const s = own(config.slots, slot);
  return s ? sharesOf(config.salt, config.holdout, s.control, s.explore, s.independent === true) : `${config.salt}|2|${config.holdout}/-/-`;
}

/**
 * Why a stored assignment cannot be kept: `version` (a new config version or a new salt: a new analysis period), `shares` (the holdout, control or
 * explore share changed under the same version: say so once, the site should have given a new version),
 * `tier` (the consent cap changed), or null when it still stands.
 * @example if (stickyMismatch(config, 'hero', stored, consent) === 'shares') warnOnce('shares-changed')
 */
export function stickyMismatch(
  config: ValidConfig,
  slot: string,
  sticky: StickyAssignment,
  consent: ConsentState,
): 'version' | 'shares' | 'tier' | null {
  if (sticky.version !== config.version) return 'version';
  // A new salt is a new analysis period: decided again, like a new version.
  if (sticky.shares !== sharesKey(config, slot)) return sticky.shares.startsWith(config.salt + '|2|') ? 'shares' : 'version';
  if (sticky.tier !== consent.tier) return 'tier';
  return null;
}
