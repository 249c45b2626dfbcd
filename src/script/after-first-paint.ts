/** The longest the runtime waits for an idle moment once the page has painted. */
const IDLE_TIMEOUT_MS = 500;
/** Where no frame comes (a page hidden while it loads), the runtime starts at the latest after this long. */
const NO_FRAME_MS = 2000;

/**
 * Runs `fn` once, after the page's first frame has been painted and when the main thread is idle (at the latest
 * 500 ms after that frame), so what can wait never delays first paint. A hidden page paints no frames: there it runs
 * when idle, and in any case after two seconds. Never throws.
 * @example afterFirstPaint(() => startRuntime())
 */
export function afterFirstPaint(fn: () => void): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    fn();
  };
  const whenIdle = (): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(run, 0);
  };
  try {
    // A task queued from a frame callback runs once that frame has been painted.
    if (document.visibilityState === 'visible' && typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(() => {
        setTimeout(whenIdle, 0);
      });
    } else {
      whenIdle();
    }
  } catch {
    // Scheduling failed: the timer below still runs it.
  }
  setTimeout(run, NO_FRAME_MS);
}
