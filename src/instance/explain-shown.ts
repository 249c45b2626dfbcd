import type { explain } from '../core/explain/explain.js';
import { BASELINE, type Decision, type Explanation } from '../core/types.js';
import { decisionsOf } from '../visit/continue-visit.js';
import type { Visit } from '../visit/visit.js';
import type { CandorOptions } from './candor-api.js';

/**
 * What `candor.explain(slot)` answers: what the slot shows now (the decision last handed out on this page), else what
 * it would show (`peek`), explained, with whether anything on the page is personalized. Read-only; undefined when the
 * explanation code is not there (the script tag loads it on demand) or anything fails.
 * @example explainShown(visit, 'hero', peek, explain, options, window)
 */
export function explainShown(
  visit: Visit,
  slot: string,
  peek: (slot: string) => Decision,
  explainDecision: typeof explain | undefined,
  options: Pick<CandorOptions, 'messages' | 'lang'>,
  win: Window | undefined,
): Explanation | undefined {
  try {
    const shown = visit.shown(slot) ?? visit.shown(slot, peek(slot));
    if (!shown) return undefined;
    let personalized = false;
    for (const name of decisionsOf(visit).keys()) {
      const d = visit.shown(name);
      if (d && d.experience !== BASELINE && !d.forced) personalized = true;
    }
    return explainDecision?.(shown, visit.config, options.messages, { lang: options.lang ?? pageLanguage(win), signals: visit.signals(), personalized });
  } catch {
    return undefined;
  }
}

/** The page's language (`<html lang>`), or undefined. */
function pageLanguage(win: Window | undefined): string | undefined {
  try {
    const lang = win?.document.documentElement.lang;
    return lang === '' ? undefined : lang;
  } catch {
    return undefined;
  }
}
