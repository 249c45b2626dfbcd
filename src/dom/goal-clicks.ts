import { closestMarked } from './closest-marked.js';

const ATTR = 'data-candor-goal';

/**
 * Listens for clicks (and keyboard activation, which browsers deliver as clicks) on elements marked
 * `data-candor-goal="name"`, or inside them, with one delegated capture-phase listener, so a page that stops
 * propagation still counts its goals.
 * @returns a function that stops listening
 * @example onGoalClick(document, (goal) => candor.track(goal)); // <button data-candor-goal="demo-request">
 */
export function onGoalClick(root: Document | Element, callback: (goal: string) => void): () => void {
  const listener = (event: Event) => {
    try {
      const goal = closestMarked(event, ATTR)?.getAttribute(ATTR);
      if (goal) callback(goal);
    } catch {
      // Never break the host page's click.
    }
  };
  try {
    root.addEventListener('click', listener, true);
  } catch {
    // No events: nothing to count.
  }
  return () => {
    root.removeEventListener('click', listener, true);
  };
}
