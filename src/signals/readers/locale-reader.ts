import type { SignalReader } from '../signal-reader.js';

/** `locale.language`, `locale.languages` (up to 10), `locale.timezone`, and `locale.region`: the continent or ocean of the time zone (`Europe/Berlin` → `Europe`), no network. */
export const localeReader: SignalReader = {
  name: 'locale',
  tier: 'low',
  read(env) {
    const region = /^(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//.exec(env.timeZone ?? '');
    return {
      'locale.language': env.language,
      'locale.languages': env.languages?.slice(0, 10),
      'locale.timezone': env.timeZone,
      'locale.region': region?.[1],
    };
  },
};
