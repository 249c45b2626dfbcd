/** What the explore arm picks from and what it shows. */

import { BASELINE, type ExperienceConfig, type ValidConfig } from '../types.js';
import { own } from './own-key.js';

/* A one-entry memo, keyed by identity of the config's slots and audiences (configs are never mutated in place). */
let explorableFor: ValidConfig['slots'] | undefined;
let explorableAudiences: ValidConfig['audiences'] | undefined;
let explorable: string[] = [];

/**
 * The audiences exploration picks from (config order): every non-shadow audience with an experience in a slot that
 * is not `independent`. A visitor who explores gets one of them, or none, with equal chances, in every such slot.
 */
export function explorableOf(config: ValidConfig): string[] {
  if (config.slots !== explorableFor || config.audiences !== explorableAudiences) {
    const targeted = new Set<string>();
    for (const name in config.slots) {
      const s = config.slots[name];
      if (s && !s.independent) for (const e of s.experiences) targeted.add(e.audience);
    }
    explorable = Object.keys(config.audiences).filter((id) => targeted.has(id) && !config.audiences[id]?.shadow);
    explorableFor = config.slots;
    explorableAudiences = config.audiences;
  }
  return explorable;
}

/** The non-shadow audiences of a slot's experiences, in order, once each: what an independent slot explores over. */
export function slotAudiences(config: ValidConfig, experiences: ExperienceConfig[]): string[] {
  const ids: string[] = [];
  for (const e of experiences) if (!ids.includes(e.audience) && !own(config.audiences, e.audience)?.shadow) ids.push(e.audience);
  return ids;
}

/** What exploration shows in a slot for the explorable audience `audience` (undefined: none): its first eligible experience, else the standard content. */
export function exploreShows(experiences: ExperienceConfig[], audience: string | undefined, eligible: string[]): string {
  if (audience !== undefined) for (const e of experiences) if (e.audience === audience && eligible.includes(e.id)) return e.id;
  return BASELINE;
}
