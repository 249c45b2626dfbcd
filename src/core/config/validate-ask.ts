import { isRecord } from '../conditions/is-record.js';
import type { AskConfig } from '../types.js';
import { CONFIG_DEFAULTS } from './config-defaults.js';
import { entries, fields, report, share, str, type Problems } from './config-readers.js';
import { jsonPath } from './json-path.js';

/**
 * The self-identification prompt (`ask`): its key, question, options (a value, or [value, label]), share and the
 * audiences each answer joins. Any problem drops the whole prompt.
 * @param defined the names of the audiences the config defines
 */
export function validateAsk(a: unknown, defined: readonly string[], r: Problems): AskConfig | undefined {
  if (!isRecord(a)) {
    if (a !== undefined) report(r, 'wrong-type', 'ask', a, 'ask');
    return undefined;
  }
  const n = r.length;
  fields(r, a, 'ask', 'ask');
  const key = str(r, a, 'key', 'ask', true);
  const dot = key?.includes('.');
  if (key !== undefined && (dot || key in {})) report(r, 'invalid-ask', 'ask.key', key, dot ? 'key-dot' : 'key');
  const question = str(r, a, 'question', 'ask', true);
  const askShare = share(r, a, 'share', 'ask', CONFIG_DEFAULTS.askShare);
  const values: string[] = [];
  const options = a.options;
  if (options === undefined) report(r, 'missing-field', 'ask.options', options, 'options');
  else if (!Array.isArray(options) || !options.length) report(r, 'invalid-ask', 'ask.options', options, 'options');
  else {
    options.forEach((o, i) => {
      const value: unknown = Array.isArray(o) && o.length === 2 && typeof o[1] === 'string' && o[1] ? o[0] : o;
      const po = `ask.options[${i}]`;
      if (typeof value !== 'string' || !value) report(r, 'invalid-ask', po, o, 'option');
      else if (values.includes(value)) report(r, 'invalid-ask', po, value, 'duplicate');
      else values.push(value);
    });
  }
  for (const [answer, ids, p] of entries(r, a, 'ask', 'segments')) {
    if (!values.includes(answer)) report(r, 'invalid-ask', p, answer, values, 'answer');
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) report(r, 'wrong-type', p, ids, answer, 'segment');
    else {
      ids.forEach((id: string, i) => {
        if (!defined.includes(id)) report(r, 'unknown-audience', jsonPath(p, i), id, '', defined);
      });
    }
  }
  if (r.length > n || key === undefined || question === undefined || askShare === undefined) return undefined;
  const ask: AskConfig = { key, question, options: a.options as AskConfig['options'], share: askShare };
  if (a.segments !== undefined) ask.segments = a.segments as Record<string, string[]>;
  return ask;
}
