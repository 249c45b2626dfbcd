import { isRecord } from '../conditions/is-record.js';
import type { ErrorCode, ErrorParams } from '../errors/error-params.js';
import { TIERS, type ConfigError, type Tier } from '../types.js';
import { didYouMean } from './closest-name.js';
import { configError } from './config-error.js';
import { FIELDS, type ConfigPart } from './config-fields.js';
import { jsonPath } from './json-path.js';

/** A plain JSON object of a config. */
export type Obj = Record<string, unknown>;

/** Whether `x` is one of the tiers. */
export const isTier = (x: unknown): x is Tier => TIERS.includes(x as Tier);
/** A tier's strictness: `low` 0, `relationship` 1, `high` 2. */
export const rank = (tier: Tier): number => TIERS.indexOf(tier);
/** http(s) or relative; control characters and spaces are removed first, as browsers do. */
export const isSafeUrl = (url: string): boolean => {
  const u = url.replace(/[\0- \x7f]/g, '');
  return !/^[a-z][a-z\d+.-]*:/i.test(u) || /^https?:/i.test(u);
};

/**
 * The problems of one validation so far. Each section of validation is handed it, reports into it with
 * {@link report} and the readers below, and compares its length before and after to know whether a part had problems.
 * (Module-level functions rather than an object of readers: the minifier shortens their names, not property names.)
 */
export type Problems = ConfigError[];

/** A string field of a config part: each has its own fix text. */
export type StringField = 'version' | 'salt' | 'path' | 'label' | 'selector' | 'template' | 'id' | 'audience' | 'key' | 'question' | 'privacyUrl';

/** A field read as an object of named entries (`"sections": { "docs": "/docs" }`). */
export type EntriesField = 'sections' | 'goals' | 'audiences' | 'slots' | 'segments';

/**
 * Records one problem: its code, JSON path and the params its message and fix are made of, typed from the code's
 * texts in src/core/errors/error-messages.ts (a code with several texts takes the name of its text last).
 * Compute a param in the call only as a plain value or with a `@__PURE__` call, so that the script tag's builds,
 * which have no text, can drop it.
 */
export function report<C extends ErrorCode>(problems: Problems, code: C, path: string, ...params: ErrorParams[C]): void {
  problems.push(configError(code, path, params));
}

/**
 * {@link report} for the readers below, whose field names pick a code's text, and which pass a param some of those
 * texts do not show (a text reads its params by position; its name is the last). A function of its own, not an alias
 * of {@link report}: terser then drops the params of both in the script tag's builds.
 */
function reportField(problems: Problems, code: ErrorCode, path: string, ...params: unknown[]): void {
  problems.push(configError(code, path, params as never));
}

/** Reports the fields of `o` that `part` does not have. */
export function fields(r: Problems, o: Obj, p: string, part: ConfigPart): void {
  const allowed = FIELDS[part].split(' ');
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) report(r, 'unknown-field', jsonPath(p, key), key, part, /* @__PURE__ */ didYouMean(key, allowed), allowed);
  }
}

/** A non-empty string field, or undefined (reported when present, or when missing and required). */
export function str(r: Problems, o: Obj, key: StringField, p: string, required: boolean, defined?: readonly string[]): string | undefined {
  const v = o[key], pk = jsonPath(p, key);
  if (typeof v === 'string' && v.trim()) return v;
  // The audiences defined are shown by the fix of "audience" only.
  if (v !== undefined) report(r, 'wrong-type', pk, key, v, defined, 'string');
  else if (required) report(r, 'missing-field', pk, key, defined, 'string');
  return undefined;
}

/** A share from 0 to 1 (the fallback when missing), or undefined when reported. */
export function share(r: Problems, o: Obj, key: string, p: string, fallback: number): number | undefined {
  const v = o[key] === undefined ? fallback : o[key], pk = jsonPath(p, key);
  if (typeof v !== 'number' || !isFinite(v)) report(r, 'wrong-type', pk, key, v, 'share');
  else if (v < 0 || v > 1) reportField(r, 'share-out-of-range', pk, key, v, v / 100, v > 1 && v <= 100 ? 'percent' : 'share');
  else return v;
  return undefined;
}

/** Reports a field that is present and not true or false. */
export function bool(r: Problems, o: Obj, key: string, p: string): void {
  const v = o[key];
  if (v !== undefined && typeof v !== 'boolean') report(r, 'wrong-type', jsonPath(p, key), key, v, 'boolean');
}

/** A name used as a key or id: not empty, not a built-in object name (`constructor`), no dot where it becomes part of a signal name. */
export function okName(r: Problems, name: string, p: string, as: 'entry' | 'declared' | 'experience', key = '', noDot = false): boolean {
  const dot = name.includes('.');
  if (name && !(name in {}) && !(noDot && dot)) return true;
  // Only "entry" texts show `key`.
  reportField(r, 'reserved-id', p, name, key, dot ? `${as}-dot` : as);
  return false;
}

/** The entries of an object-valued field as [name, value, path], with reserved names reported and left out. */
export function entries(r: Problems, o: Obj, p: string, key: EntriesField, noDot = false): [string, unknown, string][] {
  const v = o[key], pk = jsonPath(p, key);
  if (v === undefined) return [];
  if (!isRecord(v)) {
    report(r, 'wrong-type', pk, key, v, 'entries');
    return [];
  }
  return Object.keys(v)
    .filter((name) => okName(r, name, jsonPath(pk, name), 'entry', key, noDot))
    .map((name) => [name, v[name], jsonPath(pk, name)]);
}
