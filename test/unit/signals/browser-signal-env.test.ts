import { describe, expect, it } from 'vitest';
import { browserSignalEnv } from '../../../src/signals/browser-signal-env.js';
import { readSignals } from '../../../src/signals/read-signals.js';
import { DEFAULT_READERS } from '../../../src/signals/default-readers.js';
import { emptyMemory } from '../../../src/storage/visitor-state.js';
import type { ValidConfig } from '../../../src/core/types.js';

const config = { sections: { docs: '/docs/' }, declare: ['role'] } as unknown as ValidConfig;

describe('browserSignalEnv', () => {
  it('gathers the environment from a real (jsdom) window', () => {
    const env = browserSignalEnv(window, emptyMemory(), config, 1_700_000_000_000);
    expect(env.url).toBe(window.location.href);
    expect(env.userAgent).toBe(navigator.userAgent);
    expect(env.language).toBe(navigator.language);
    expect(env.timezoneOffsetMinutes).toBe(new Date(1_700_000_000_000).getTimezoneOffset());
    expect(env.sections).toEqual({ docs: '/docs/' });
    expect(env.declareKeys).toEqual(['role']);
    // jsdom has no matchMedia: the guarded access yields undefined instead of throwing.
    expect(env.reducedMotion).toBeUndefined();
  });

  it('survives a window whose every property throws (sandboxed or hostile environment)', () => {
    const hostile = new Proxy({} as Window, {
      get() {
        throw new DOMException('Blocked', 'SecurityError');
      },
    });
    const env = browserSignalEnv(hostile, emptyMemory(), {} as ValidConfig, 0);
    expect(env).toMatchObject({ url: '', referrer: '', sections: {}, declareKeys: [] });
    expect(env.userAgent).toBeUndefined();
    // Readers that need the URL fail inside readSignals and yield nothing; the rest still answer.
    const signals = readSignals(DEFAULT_READERS, env, 'high');
    expect(signals['url.host']).toBeUndefined();
    expect(signals['device.type']).toBe('desktop');
  });

  it('reads matchMedia, Client Hints and save-data where the browser has them', () => {
    const fake = {
      location: { href: 'https://example.com/a' },
      document: { referrer: 'https://www.google.com/' },
      navigator: { language: 'fr-FR', languages: ['fr-FR'], userAgent: 'x', maxTouchPoints: 5, userAgentData: { mobile: true, platform: 'Android' }, connection: { saveData: true } },
      innerWidth: 412,
      matchMedia: (q: string) => ({ matches: q === '(prefers-reduced-motion: reduce)' }),
    } as unknown as Window;
    const env = browserSignalEnv(fake, emptyMemory(), config, 0);
    expect(env).toMatchObject({ referrer: 'https://www.google.com/', uaMobile: true, uaPlatform: 'Android', saveData: true, reducedMotion: true, viewportWidth: 412, maxTouchPoints: 5 });
  });
});
