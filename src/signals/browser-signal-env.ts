import type { ValidConfig } from '../core/types.js';
import type { VisitorMemory } from '../storage/visitor-state.js';
import type { SignalEnv } from './signal-env.js';

/** Runs one group of browser reads; a missing API or a throwing getter leaves the rest of the group unread, never throws. */
function guard(read: () => void): void {
  try {
    read();
  } catch {
    // Not available here: those fields stay absent.
  }
}

interface NavigatorExtras {
  userAgentData?: { mobile?: boolean; platform?: string };
  connection?: { saveData?: boolean };
}

/**
 * Gathers the {@link SignalEnv} from the browser: the only place signals touch `window`, `navigator`, `Intl` or
 * `matchMedia`, every access guarded (a sandboxed iframe or an old browser yields fewer fields, never an error).
 * @example readSignals(DEFAULT_READERS, browserSignalEnv(window, state.memory, config, Date.now()), tier)
 */
export function browserSignalEnv(win: Window, memory: VisitorMemory, config: ValidConfig, now: number): SignalEnv {
  const env: SignalEnv = { url: '', referrer: '', now, memory, sections: config.sections ?? {}, declareKeys: config.declare ?? [] };
  guard(() => (env.url = win.location.href));
  guard(() => (env.referrer = win.document.referrer));
  // Read on first use only: layout (innerWidth), Intl and matchMedia are slow on a busy main thread in <head>,
  // and most configs never ask for the device, time zone or motion preference.
  const lazy = <K extends keyof SignalEnv>(key: K, read: () => SignalEnv[K]): void => {
    Object.defineProperty(env, key, {
      configurable: true,
      enumerable: true,
      get() {
        let value: SignalEnv[K] | undefined;
        guard(() => (value = read()));
        Object.defineProperty(env, key, { value, enumerable: true });
        return value;
      },
    });
  };
  const nav = (): Navigator & NavigatorExtras => win.navigator;
  lazy('userAgent', () => nav().userAgent);
  lazy('language', () => nav().language);
  lazy('languages', () => nav().languages);
  lazy('maxTouchPoints', () => nav().maxTouchPoints);
  lazy('uaMobile', () => nav().userAgentData?.mobile);
  lazy('uaPlatform', () => nav().userAgentData?.platform);
  lazy('saveData', () => nav().connection?.saveData);
  lazy('viewportWidth', () => win.innerWidth);
  lazy('timeZone', () => Intl.DateTimeFormat().resolvedOptions().timeZone);
  lazy('timezoneOffsetMinutes', () => new Date(now).getTimezoneOffset());
  lazy('reducedMotion', () => win.matchMedia('(prefers-reduced-motion: reduce)').matches);
  return env;
}
