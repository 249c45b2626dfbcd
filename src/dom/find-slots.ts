/** The attribute that marks a page slot: `<section data-candor-slot="hero">`. */
export const SLOT_ATTR = 'data-candor-slot';

/**
 * Every slot element under `root`, in document order. Never throws: returns `[]` on any problem.
 * @example findSlots(document).map((el) => el.dataset.candorSlot) // ['hero', 'proof', 'cta']
 */
export function findSlots(root: ParentNode): HTMLElement[] {
  try {
    return Array.from(root.querySelectorAll<HTMLElement>('[' + SLOT_ATTR + ']'));
  } catch {
    return [];
  }
}
