import { isRecord } from '../conditions/is-record.js';
import type { ExperienceConfig, SlotConfig } from '../types.js';
import { CONFIG_DEFAULTS } from './config-defaults.js';
import { type Obj, bool, entries, fields, report, share, type Problems } from './config-readers.js';
import { jsonPath } from './json-path.js';
import { validateExperience, type ExperienceContext } from './validate-experience.js';

/**
 * The config's `slots`: shares (with their defaults, one `explore` for every slot that is not `independent`) and
 * experiences. A slot with bad shares is left out (its standard content shows); one without valid experiences stays
 * with an empty list.
 */
export function validateSlots(root: Obj, x: Omit<ExperienceContext, 'seen'>, r: Problems): Record<string, SlotConfig> {
  const slots: Record<string, SlotConfig> = {};
  const context: ExperienceContext = { ...x, seen: new Map() };
  if (root.slots === undefined) report(r, 'missing-field', 'slots', 'slots');
  let shared: { explore: number; slot: string } | undefined;
  for (const [name, s, p] of entries(r, root, '', 'slots')) {
    if (!isRecord(s)) {
      report(r, 'wrong-type', p, s, 'slot');
      continue;
    }
    const n = r.length;
    fields(r, s, p, 'slot');
    const control = share(r, s, 'control', p, CONFIG_DEFAULTS.control);
    const explore = share(r, s, 'explore', p, CONFIG_DEFAULTS.explore);
    bool(r, s, 'independent', p);
    const independent = s.independent === true;
    // Coherent slots share the visitor's exploration draw, so they must share its share.
    if (!independent && explore !== undefined) {
      if (shared === undefined) shared = { explore, slot: name };
      else if (explore !== shared.explore) report(r, 'explore-not-shared', jsonPath(p, 'explore'), explore, shared.explore, shared.slot);
    }
    if (control !== undefined && explore !== undefined && control + explore > 1 - 1e-9) report(r, 'shares-too-large', p, control, explore, control + explore);
    const ok = r.length === n;
    const list: ExperienceConfig[] = [];
    const exps = s.experiences, pe = jsonPath(p, 'experiences');
    if (exps === undefined) report(r, 'missing-field', pe, 'experiences');
    else if (!Array.isArray(exps)) report(r, 'wrong-type', pe, exps, 'experiences');
    else {
      exps.forEach((e, i) => {
        const experience = validateExperience(e, jsonPath(pe, i), context, r);
        if (experience) list.push(experience);
      });
    }
    if (ok && control !== undefined && explore !== undefined) {
      slots[name] = independent ? { control, explore, independent, experiences: list } : { control, explore, experiences: list };
    }
  }
  return slots;
}
