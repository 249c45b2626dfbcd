import { SLOT_ATTR, findSlots } from './find-slots.js';

/** True when the parser has moved past `slot`: a node follows it in document order, or parsing is over. */
function complete(doc: Document, slot: Node): boolean {
  if (doc.readyState !== 'loading') return true;
  for (let node: Node | null = slot; node && node !== doc; node = node.parentNode) {
    if (node.nextSibling) return true;
  }
  return false;
}

/**
 * Calls `onSlot` once for every slot element, as soon as the HTML parser has inserted it completely (its closing
 * tag was parsed: a node follows it, or parsing ended), then keeps watching for slots added later (SPAs), without polling.
 *
 * A MutationObserver callback runs as a microtask at the end of the parser task that inserted the nodes, before the
 * browser can paint, so a slot applied from `onSlot` never paints its standard content. When a parser task ends while
 * a slot is still incomplete (a network chunk ends inside it), `onPending` is called first so the caller can hide that
 * one slot (see `reserveSlot`) until `onSlot` follows. A final pass runs at DOMContentLoaded.
 * @returns a function that stops watching
 * @example const stop = watchSlots(document, (slot) => applyExperience(slot, undefined, 'hero-health'));
 */
export function watchSlots(doc: Document, onSlot: (slot: HTMLElement) => void, onPending?: (slot: HTMLElement) => void): () => void {
  const handled = new WeakSet<HTMLElement>();
  const pending = new Set<HTMLElement>();
  const call = (fn: ((slot: HTMLElement) => void) | undefined, slot: HTMLElement) => {
    try {
      fn?.(slot);
    } catch {
      // The caller's problem must not stop other slots from being handled.
    }
  };
  const consider = (slot: HTMLElement) => {
    if (!slot.hasAttribute(SLOT_ATTR) || handled.has(slot)) return;
    if (complete(doc, slot)) {
      handled.add(slot);
      pending.delete(slot);
      call(onSlot, slot);
    } else if (!pending.has(slot)) {
      pending.add(slot);
      call(onPending, slot);
    }
  };
  const pass = () => {
    pending.forEach(consider);
    findSlots(doc).forEach(consider);
  };
  let observer: MutationObserver | undefined;
  try {
    observer = new MutationObserver((records) => {
      try {
        if (doc.readyState === 'loading') {
          // While the parser streams the page in there is one record per parsed node: one search of the document costs
          // less than looking at each node (and at each one's subtree).
          pass();
          return;
        }
        pending.forEach(consider);
        for (const record of records) {
          if (record.type === 'attributes') {
            consider(record.target as HTMLElement);
            continue;
          }
          // Nodes added after parsing (SPAs): each added element, and the slots inside it.
          for (const node of record.addedNodes as NodeListOf<Element>) {
            if (node.nodeType !== 1) continue;
            consider(node as HTMLElement);
            if (node.firstElementChild) findSlots(node).forEach(consider);
          }
        }
      } catch {
        // Keep observing.
      }
    });
    observer.observe(doc, { childList: true, subtree: true, attributes: true, attributeFilter: [SLOT_ATTR] });
  } catch {
    // No MutationObserver: the DOMContentLoaded pass below still applies every slot.
  }
  const onReady = () => {
    pass();
  };
  try {
    doc.addEventListener('DOMContentLoaded', onReady);
    pass();
  } catch {
    // Nothing more to do.
  }
  return () => {
    observer?.disconnect();
    doc.removeEventListener('DOMContentLoaded', onReady);
    pending.clear();
  };
}
