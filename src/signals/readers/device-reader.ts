import type { SignalReader } from '../signal-reader.js';

/**
 * `device.type` (`mobile | tablet | desktop`): from User-Agent Client Hints where present, else the User-Agent
 * (iPadOS presents itself as a Mac with touch), else a touch screen and the viewport width.
 * Also `device.touch`, `device.reducedMotion`, `device.saveData`.
 */
export const deviceReader: SignalReader = {
  name: 'device',
  tier: 'low',
  read(env) {
    const ua = env.userAgent ?? '';
    const touch = env.maxTouchPoints === undefined ? undefined : env.maxTouchPoints > 0;
    const width = env.viewportWidth ?? 1280;
    const type =
      env.uaMobile === true
        ? 'mobile'
        : env.uaPlatform === 'Android' || /iPad|Tablet|Silk|PlayBook/.test(ua) || (ua.includes('Android') && !ua.includes('Mobile')) || (ua.includes('Macintosh') && touch)
          ? 'tablet'
          : env.uaMobile === undefined && /Mobi|iPhone|iPod|Android/.test(ua)
            ? 'mobile'
            : !/Windows|Macintosh|X11|CrOS/.test(ua) && touch && width < 1100
              ? width < 600 ? 'mobile' : 'tablet'
              : 'desktop';
    return { 'device.type': type, 'device.touch': touch, 'device.reducedMotion': env.reducedMotion, 'device.saveData': env.saveData };
  },
};
