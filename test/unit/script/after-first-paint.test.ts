import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterFirstPaint } from '../../../src/script/after-first-paint.js';

const setVisibility = (state: DocumentVisibilityState) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
};

describe('afterFirstPaint (when the script tag runs its runtime)', () => {
  afterEach(() => {
    vi.useRealTimers();
    Reflect.deleteProperty(document, 'visibilityState');
  });

  it('runs once, only after a frame has been painted and the main thread is idle', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame', 'requestIdleCallback'] });
    setVisibility('visible');
    const fn = vi.fn();
    afterFirstPaint(fn);
    vi.advanceTimersByTime(10);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersToNextFrame();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('where no frame comes, runs after two seconds at the latest', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestIdleCallback'] });
    setVisibility('visible');
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    const fn = vi.fn();
    afterFirstPaint(fn);
    vi.advanceTimersByTime(1999);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    frames.mockRestore();
  });

  it('in a hidden page, which paints no frames, runs when idle instead of waiting for one', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestIdleCallback'] });
    setVisibility('hidden');
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    const fn = vi.fn();
    afterFirstPaint(fn);
    vi.advanceTimersByTime(600);
    expect(fn).toHaveBeenCalledTimes(1);
    frames.mockRestore();
  });
});
