/**
 * Every code a {@link ConfigError} can carry, with what it means. Codes are stable kebab-case
 * strings: match on them, not on messages. Each has a heading under docs/errors.md.
 *
 * Import this table only where you show codes to people (it is not needed to validate).
 */
export const CONFIG_ERROR_CODES = {
  'invalid-json': 'The config text is not valid JSON.',
  'not-json': 'A value cannot be read as plain JSON: a cycle, a getter that throws, a Date or Map, nesting over 64 levels, or over 100,000 values.',
  'not-an-object': 'The config is not a JSON object.',
  'unsupported-version': '`v` is not 1, the only config format this Candor reads.',
  'missing-field': 'A required field is missing.',
  'wrong-type': 'A field holds the wrong kind of value.',
  'unknown-field': 'A field Candor does not know, often a typo.',
  'reserved-id': 'A name Candor cannot use as an id (`baseline`, or a built-in object name like `constructor`).',
  'missing-reason': 'An audience has no visitor-facing `reason`, or an empty one.',
  'reason-too-long': 'An audience `reason` is longer than 280 characters.',
  'invalid-language': 'A key of a per-language `reason` is not a language tag like `en` or `pt-BR`.',
  'invalid-tier': 'A tier is not `low`, `relationship` or `high`.',
  'tier-too-loose': 'A declared tier is looser than the data it covers.',
  'share-out-of-range': 'A share (holdout, control, explore, ask share) is outside 0 to 1.',
  'shares-too-large': 'A slot’s control plus explore share is 1 or more, leaving nobody to target.',
  'explore-not-shared': 'Two coherent slots (not `independent`) have different `explore` shares; exploration is drawn once per visitor, so they share one.',
  'unknown-audience': 'An experience or ask segment names an audience that is not defined.',
  'invalid-audience': 'An experience targets an audience that has its own errors, so it was dropped.',
  'shadow-audience': 'An experience targets a shadow audience; shadow audiences never deliver.',
  'duplicate-experience-id': 'Two experiences share an id (ids are unique across all slots).',
  'unknown-operator': 'A condition uses an operator Candor does not know.',
  'invalid-condition': 'A condition is malformed: an operator has the wrong kind of operand or is in the wrong place.',
  'invalid-regex': 'A `$regex` does not compile, or its `$options` are not among `i m s u`.',
  'unknown-signal': 'A condition reads a signal Candor does not have.',
  'undeclared-attribute': 'A condition reads `declared.<key>` for a key not listed in `declare`.',
  'unknown-section': 'A condition reads `pages.<section>` for a section not listed in `sections`.',
  'eligible-tier-too-high': 'An experience’s `eligible` rule reads more than this-visit (`low` tier) signals.',
  'unsafe-change': 'A change sets an attribute outside the safe list (href, src, alt, class, title, aria-label).',
  'unsafe-url': 'A URL is neither http(s) nor relative (for example `javascript:`).',
  'invalid-change': 'A change does nothing: it has none of `text`, `attrs`, `template`.',
  'invalid-path': 'A section or goal path does not start with `/`.',
  'invalid-ask': 'The self-identification prompt (`ask`) is malformed: bad key, empty or duplicate options, unknown answers in `segments`.',
  'type-mismatch': 'A warning from `candor check`: a rule compares a signal with another kind of value (`"visit.returning": "yes"`), so it never matches.',
  'internal-error': 'A bug in Candor itself; the standard page is shown.',
} as const;

/** A stable config error code: one of the keys of {@link CONFIG_ERROR_CODES}. */
export type ConfigErrorCode = keyof typeof CONFIG_ERROR_CODES;
