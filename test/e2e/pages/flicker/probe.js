// @ts-check
/**
 * The flicker detector. Loaded (same-origin, no inline script) before any slot is parsed, it records in every frame
 * what the hero slot's headline shows just before the browser renders that frame: `none` (not parsed yet),
 * `hidden` (visibility hidden while Candor waits), or its text. Paint timing entries are recorded too.
 * Once the slot has existed for three frames it asks the test server to send the rest of the page.
 */
/** @type {{ frames: string[]; paints: [string, number][]; slotFrames: number; released: boolean }} */
const probe = { frames: [], paints: [], slotFrames: 0, released: false };
/** @type {any} */ (window).flickerProbe = probe;

const read = () => {
  const h1 = document.querySelector('[data-candor-slot="hero"] h1');
  if (!h1) return 'none';
  return getComputedStyle(h1).visibility === 'visible' ? (h1.textContent ?? '').trim() : 'hidden';
};

const frame = () => {
  probe.frames.push(read());
  if (document.querySelector('[data-candor-slot="hero"]')) probe.slotFrames++;
  if (probe.slotFrames >= 3 && !probe.released) {
    probe.released = true;
    void fetch('/stream-release', { method: 'POST' });
  }
  if (probe.frames.length < 5000) requestAnimationFrame(frame);
};
requestAnimationFrame(frame);

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) probe.paints.push([entry.name, entry.startTime]);
}).observe({ type: 'paint', buffered: true });
