/** Marks a slot (or, on `<html>`, every undecided slot) whose content is not decided yet. */
export const WAIT_ATTR = 'data-candor-wait';
const SLOT = '[data-candor-slot]';
const UNDECIDED = 'html[' + WAIT_ATTR + '] ' + SLOT + ':not([data-candor-shown])';
const ONE = SLOT + '[' + WAIT_ATTR + ']';
const RULE = [ONE, ONE + ' *', UNDECIDED, UNDECIDED + ' *'].join(',') + '{visibility:hidden!important}';
/** The longest a slot may stay hidden. */
const MAX_MS = 300;

const installed = new WeakSet<Document>();

/** Adds the hiding rule once per document, as a constructable stylesheet (allowed under a strict `style-src`). */
function installRule(doc: Document): boolean {
  if (installed.has(doc)) return true;
  const view = doc.defaultView;
  if (!view || !('adoptedStyleSheets' in doc)) return false;
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(RULE);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  installed.add(doc);
  return true;
}

/** Shows the reserved slot(s) now; safe to call more than once. */
export interface Release {
  (): void;
  /** True once the time limit passed and the standard content was shown: too late to apply an experience. */
  expired(): boolean;
}

/**
 * Hides a slot with `visibility: hidden` while its content is undecided (it keeps its size, so nothing shifts), and
 * shows it again after `timeoutMs` (capped at 300 ms) whatever happens: a slow config never hides content for long.
 *
 * Given the document instead of a slot (for `data-config-url`), it hides every slot that has no decision yet
 * (no `data-candor-shown`), including slots the parser has not reached; slots show as soon as they are decided.
 * Never hides anything but slots. Does nothing where constructable stylesheets are missing.
 * @example const release = reserveSlot(document); fetchConfig().then((c) => { if (!release.expired()) start(c); release(); });
 */
export function reserveSlot(target: HTMLElement | Document, timeoutMs = MAX_MS): Release {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired = false;
  const el = 'documentElement' in target ? target.documentElement : target;
  const release = Object.assign(
    () => {
      clearTimeout(timer);
      try {
        el.removeAttribute(WAIT_ATTR);
      } catch {
        // Nothing to undo.
      }
    },
    { expired: () => expired },
  );
  try {
    if (installRule(el.ownerDocument)) {
      el.setAttribute(WAIT_ATTR, '');
      timer = setTimeout(
        () => {
          expired = true;
          release();
        },
        Math.min(Math.max(timeoutMs, 0), MAX_MS),
      );
    }
  } catch {
    release();
  }
  return release;
}
