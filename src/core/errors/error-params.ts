import type { ERROR_MESSAGES } from './error-messages.js';

/** What a code's params become: what is wrong, and what to do. */
export interface ErrorText {
  message: string;
  fix: string;
}

/** The texts of one key of an error table: a message and a fix. */
export type Texts = readonly [message: string, fix: string];

/** A param shown as text: a plain `{name}` (a list is joined with `, `). */
type Shown = string | number | readonly string[];
/** The param a `{name:format}` placeholder takes. */
interface Formatted {
  json: unknown;
  error: unknown;
  names: readonly string[];
  audiences: readonly string[] | undefined;
  id: string;
  round: number;
  remove: string;
  noun: string;
  fix: string;
  entries: string;
  operand: string;
}

/**
 * The params of a template, in the order their names first appear: `{name}` takes a {@link Shown},
 * `{name:format}` the param its format reads. Braces that do not hold a name (`{ "v": 1 }`) are text.
 */
type Fill<S extends string, Seen extends string = never, Acc extends unknown[] = []> = S extends `${string}{${infer Rest}`
  ? Rest extends `${infer Inner}}${infer After}`
    ? Inner extends `${infer Name}:${infer Format}`
      ? Name extends `${string}${' ' | '"' | '{' | '.'}${string}`
        ? Fill<Rest, Seen, Acc>
        : Name extends Seen
          ? Fill<After, Seen, Acc>
          : Fill<After, Seen | Name, [...Acc, Format extends keyof Formatted ? Formatted[Format] : never]>
      : Inner extends `${string}${' ' | '"' | '{' | '.' | '$'}${string}` | ''
        ? Fill<Rest, Seen, Acc>
        : Inner extends Seen
          ? Fill<After, Seen, Acc>
          : Fill<After, Seen | Inner, [...Acc, Shown]>
    : Acc
  : Acc;

/** The params of one message and fix. */
type ParamsOf<T> = T extends readonly [infer M extends string, infer F extends string] ? Fill<`${M}\n${F}`> : never;

/** The code of a table key: `code`, or `code:text` for one of a code's several texts. */
type CodeOf<K> = K extends `${infer C}:${string}` ? C : K & string;

/** The params of each code of a table: a code with several texts (keys `code:text`) takes the name of its text last. */
export type TableParams<Table> = {
  [C in CodeOf<keyof Table>]: { [K in keyof Table]: K extends C ? ParamsOf<Table[K]> : K extends `${C}:${infer N}` ? [...ParamsOf<Table[K]>, N] : never }[keyof Table];
};

/** A code of the core error table (what validation reports). */
export type ErrorCode = CodeOf<keyof typeof ERROR_MESSAGES>;

/** The params of each code that validation reports, typed from its texts in src/core/errors/error-messages.ts. */
export type ErrorParams = TableParams<typeof ERROR_MESSAGES>;
