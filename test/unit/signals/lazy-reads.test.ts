import { describe, expect, it } from 'vitest';
import { browserSignalEnv } from '../../../src/signals/browser-signal-env.js';
import { readSignals, readersFor } from '../../../src/signals/read-signals.js';
import { DEFAULT_READERS } from '../../../src/signals/default-readers.js';
import { emptyMemory } from '../../../src/storage/visitor-state.js';
import type { ValidConfig } from '../../../src/core/types.js';

const config = { sections: {}, declare: [] } as unknown as ValidConfig;

describe('reading only what rules use', () => {
  it('maps signal names to the readers that produce them', () => {
    expect([...readersFor(['utm.campaign', 'query.ref', 'pages.docs', 'utm.source'])].sort()).toEqual(['pages', 'url', 'utm']);
  });

  it('never touches layout, Intl or matchMedia when no rule needs the device, time zone or motion preference', () => {
    const touched: string[] = [];
    const win = new Proxy(window, {
      get(target, key) {
        if (typeof key === 'string') touched.push(key);
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const env = browserSignalEnv(win, emptyMemory(), config, Date.now());
    const signals = readSignals(DEFAULT_READERS, env, 'high', readersFor(['utm.campaign']));
    expect(touched).not.toContain('innerWidth');
    expect(touched).not.toContain('matchMedia');
    expect(Object.keys(signals).every((name) => name.startsWith('utm.'))).toBe(true);
    // Asked for, the same environment reads it then.
    expect(readSignals(DEFAULT_READERS, env, 'low', readersFor(['device.type']))['device.type']).toEqual(expect.any(String));
    expect(touched).toContain('innerWidth');
  });
});
