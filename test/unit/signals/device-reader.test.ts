import { describe, expect, it } from 'vitest';
import { deviceReader } from '../../../src/signals/readers/device-reader.js';
import { makeEnv, UA } from './make-env.js';
import type { SignalEnv } from '../../../src/signals/signal-env.js';

const type = (env: Partial<SignalEnv>) => deviceReader.read(makeEnv(env))['device.type'];

describe('deviceReader', () => {
  it.each([
    ['iPhone Safari', { userAgent: UA.iPhone, maxTouchPoints: 5, viewportWidth: 390 }, 'mobile'],
    ['iPad (iPadOS 12 UA)', { userAgent: UA.iPadOld, maxTouchPoints: 5, viewportWidth: 810 }, 'tablet'],
    ['iPad presenting as a Mac (iPadOS 13+)', { userAgent: UA.macSafari, maxTouchPoints: 5, viewportWidth: 1180 }, 'tablet'],
    ['Android phone Chrome with Client Hints', { userAgent: UA.androidChromePhone, uaMobile: true, uaPlatform: 'Android', maxTouchPoints: 5 }, 'mobile'],
    ['Android tablet Chrome with Client Hints', { userAgent: UA.androidChromeTablet, uaMobile: false, uaPlatform: 'Android', maxTouchPoints: 10 }, 'tablet'],
    ['Android phone Firefox (no Client Hints)', { userAgent: UA.androidFirefoxPhone, maxTouchPoints: 5 }, 'mobile'],
    ['Android tablet Firefox (no Client Hints)', { userAgent: UA.androidFirefoxTablet, maxTouchPoints: 10 }, 'tablet'],
    ['Android tablet Chrome without Client Hints', { userAgent: UA.androidChromeTablet, maxTouchPoints: 10 }, 'tablet'],
    ['desktop Chrome on Windows', { userAgent: UA.windowsChrome, uaMobile: false, uaPlatform: 'Windows', maxTouchPoints: 0, viewportWidth: 1536 }, 'desktop'],
    ['Windows touch laptop in a narrow window', { userAgent: UA.windowsChrome, uaMobile: false, uaPlatform: 'Windows', maxTouchPoints: 10, viewportWidth: 500 }, 'desktop'],
    ['desktop Safari on a Mac', { userAgent: UA.macSafari, maxTouchPoints: 0, viewportWidth: 1440 }, 'desktop'],
    ['desktop Chrome on a Mac', { userAgent: UA.macChrome, uaMobile: false, uaPlatform: 'macOS', maxTouchPoints: 0 }, 'desktop'],
    ['desktop Firefox on Linux', { userAgent: UA.linuxFirefox, maxTouchPoints: 0, viewportWidth: 1920 }, 'desktop'],
    ['Client Hints say mobile whatever the UA', { userAgent: UA.androidChromeTablet, uaMobile: true }, 'mobile'],
    ['unknown UA, small touch screen', { userAgent: 'SomeBrowser/1.0', maxTouchPoints: 5, viewportWidth: 375 }, 'mobile'],
    ['unknown UA, medium touch screen', { userAgent: 'SomeBrowser/1.0', maxTouchPoints: 5, viewportWidth: 800 }, 'tablet'],
    ['nothing known', {}, 'desktop'],
  ] as const)('%s → %s', (_name, env, expected) => {
    expect(type(env)).toBe(expected);
  });

  it('reports touch, reduced motion and save-data as the browser states them', () => {
    expect(deviceReader.read(makeEnv({ userAgent: UA.iPhone, maxTouchPoints: 5, reducedMotion: true, saveData: false }))).toEqual({
      'device.type': 'mobile',
      'device.touch': true,
      'device.reducedMotion': true,
      'device.saveData': false,
    });
    const unknown = deviceReader.read(makeEnv({ userAgent: UA.windowsChrome }));
    expect(unknown['device.touch']).toBeUndefined();
    expect(unknown['device.saveData']).toBeUndefined();
  });
});
