import { closestMarked } from './closest-marked.js';

const ATTR = 'data-candor-topic';
/** Weight of a view: the element was at least half visible for a second. */
export const VIEW_WEIGHT = 1;
/** Weight of a click on (or inside) a marked element. */
export const CLICK_WEIGHT = 2;
const DWELL_MS = 1000;

/**
 * Reports interest in topics from elements marked `data-candor-topic="topic"`: a view (at least 50 % visible for at
 * least 1 s, once per element per page, only while the tab is visible) weighs {@link VIEW_WEIGHT}; a click on or inside
 * the element weighs {@link CLICK_WEIGHT}. Without IntersectionObserver only clicks count. Scans at start and at
 * DOMContentLoaded, and watches marked elements added later (SPAs) through a MutationObserver.
 * @returns a function that stops watching
 * @example onTopic(document, (topic, weight) => candor.recordTopic(topic, weight));
 */
export function onTopic(doc: Document, callback: (topic: string, weight: number) => void): () => void {
  const seen = new WeakSet<Element>();
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const emit = (el: Element, weight: number) => {
    const topic = el.getAttribute(ATTR);
    if (topic) callback(topic, weight);
  };
  let observer: IntersectionObserver | undefined;
  try {
    observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const el = entry.target;
          clearTimeout(timers.get(el));
          timers.delete(el);
          if (entry.intersectionRatio < 0.5) continue;
          timers.set(
            el,
            setTimeout(() => {
              timers.delete(el);
              if (doc.visibilityState !== 'visible') return;
              observer?.unobserve(el);
              try {
                emit(el, VIEW_WEIGHT);
              } catch {
                // The callback's problem stays there.
              }
            }, DWELL_MS),
          );
        }
      },
      { threshold: 0.5 },
    );
  } catch {
    // No IntersectionObserver: clicks only.
  }
  const scan = () => {
    try {
      for (const el of Array.from(doc.querySelectorAll('[' + ATTR + ']'))) {
        if (seen.has(el)) continue;
        seen.add(el);
        observer?.observe(el);
      }
    } catch {
      // Nothing to watch.
    }
  };
  const onClick = (event: Event) => {
    try {
      const marked = closestMarked(event, ATTR);
      if (marked) emit(marked, CLICK_WEIGHT);
    } catch {
      // Never break the host page's click.
    }
  };
  let mutations: MutationObserver | undefined;
  try {
    doc.addEventListener('click', onClick, true);
    doc.addEventListener('DOMContentLoaded', scan);
    if (observer) {
      mutations = new MutationObserver((records) => {
        if (records.some((r) => Array.from(r.addedNodes).some((n) => n.nodeType === 1))) scan();
      });
      mutations.observe(doc, { childList: true, subtree: true });
    }
  } catch {
    // No events.
  }
  scan();
  return () => {
    observer?.disconnect();
    mutations?.disconnect();
    timers.forEach((t) => {
      clearTimeout(t);
    });
    timers.clear();
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('DOMContentLoaded', scan);
  };
}
