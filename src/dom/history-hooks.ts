/** The page address without its fragment: a `#section` jump is not a new page. */
const address = (win: Window) => win.location.href.replace(/#.*/s, '');

/**
 * Calls `callback(url)` after every client-side navigation: `history.pushState`, `history.replaceState` and `popstate`
 * (back/forward), only when the address (without `#fragment`) changed. No polling.
 * The wrappers call the page's originals first and never throw because of Candor.
 * @returns a function that unwinds the hooks (restores `pushState`/`replaceState` unless another script wrapped them since)
 * @example const unwind = onNavigation(window, (url) => candor.page(url));
 */
export function onNavigation(win: Window, callback: (url: string) => void): () => void {
  let last = '';
  let active = true;
  const check = () => {
    try {
      const now = address(win);
      if (!active || now === last) return;
      last = now;
      callback(win.location.href);
    } catch {
      // The callback's problem must not reach the page's router.
    }
  };
  const history = win.history;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with `this` = history below
  const originals = { pushState: history.pushState, replaceState: history.replaceState };
  const wrappers: Partial<typeof originals> = {};
  const own = { pushState: Object.hasOwn(history, 'pushState'), replaceState: Object.hasOwn(history, 'replaceState') };
  try {
    last = address(win);
    for (const name of ['pushState', 'replaceState'] as const) {
      const original = originals[name];
      const wrapper = function (this: History, ...args: Parameters<History['pushState']>) {
        original.apply(this, args);
        check();
      };
      wrappers[name] = wrapper;
      history[name] = wrapper;
    }
    win.addEventListener('popstate', check);
  } catch {
    // A frozen history: no SPA hooks, the page still works.
  }
  return () => {
    active = false;
    try {
      for (const name of ['pushState', 'replaceState'] as const) {
        if (history[name] !== wrappers[name]) continue;
        if (own[name]) history[name] = originals[name];
        else Reflect.deleteProperty(history, name);
      }
      win.removeEventListener('popstate', check);
    } catch {
      // Leave the hooks inert (active = false).
    }
  };
}
