import { describe, expect, it, vi } from 'vitest';
import { functionSink } from '../../../src/events/sinks/function-sink.js';
import { dataLayerSink } from '../../../src/events/sinks/data-layer-sink.js';
import { segmentSink } from '../../../src/events/sinks/segment-sink.js';
import { conversion, exposure } from './sample-events.js';

type Win = Window & { dataLayer?: unknown[]; analytics?: unknown };

describe('functionSink', () => {
  it('calls the function once per event, in order', () => {
    const fn = vi.fn();
    const events = [exposure(), conversion()];
    void functionSink(fn)(events);
    expect(fn.mock.calls).toEqual([[events[0]], [events[1]]]);
  });
});

describe('dataLayerSink', () => {
  it('creates window.dataLayer and pushes candor_<type> entries', () => {
    const win = {} as Win;
    const e = exposure();
    void dataLayerSink(win)([e, conversion({ id: 'c'.repeat(32) })]);
    expect(win.dataLayer).toEqual([
      { event: 'candor_exposure', candor: e },
      { event: 'candor_conversion', candor: expect.objectContaining({ id: 'c'.repeat(32) }) as unknown },
    ]);
  });

  it("uses the site's existing dataLayer (and its push)", () => {
    const pushed: unknown[] = [];
    const layer = [{ event: 'gtm.js' }];
    Object.defineProperty(layer, 'push', { value: (x: unknown) => pushed.push(x) });
    const win = { dataLayer: layer } as Win;
    void dataLayerSink(win)([exposure()]);
    expect(win.dataLayer).toBe(layer);
    expect(pushed).toEqual([expect.objectContaining({ event: 'candor_exposure' })]);
  });
});

describe('segmentSink', () => {
  it("calls analytics.track('Candor <type>', event) as a method", () => {
    const calls: unknown[][] = [];
    const analytics = { track(this: unknown, ...args: unknown[]) { calls.push([this, ...args]); } };
    const e = exposure();
    void segmentSink({ analytics } as Win)([e]);
    expect(calls).toEqual([[analytics, 'Candor exposure', e]]);
  });

  it('does nothing without analytics.track', () => {
    expect(() => segmentSink({} as Win)([exposure()])).not.toThrow();
    expect(() => segmentSink({ analytics: {} } as Win)([exposure()])).not.toThrow();
  });
});
