/**
 * The element marked with `attr` at or above an event's target, if any. Tolerates targets that are not elements
 * (the document, a text node) and never throws.
 * @example closestMarked(clickEvent, 'data-candor-goal')?.getAttribute('data-candor-goal')
 */
export function closestMarked(event: Event, attr: string): Element | null {
  try {
    const target = event.target as Node | null;
    const el = target?.nodeType === 1 ? (target as Element) : (target?.parentElement ?? null);
    return el ? el.closest('[' + attr + ']') : null;
  } catch {
    return null;
  }
}
