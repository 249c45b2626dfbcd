/**
 * The defaults of a config, in one place: what `validateConfig`, the script tag's first pass (`readConfig`) and the
 * JSON Schema's descriptions use when a field is left out.
 */
export const CONFIG_DEFAULTS = {
  /** Global holdout share: visitors who never see personalization. */
  holdout: 0.05,
  /** Per-slot control share: non-holdout visitors who see the standard content in that slot. */
  control: 0.1,
  /** Exploration share: non-holdout visitors shown a random eligible experience, with its propensity logged. */
  explore: 0.1,
  /** Tier cap before the site sets consent. */
  consentDefault: 'relationship',
  /** Tier cap under Global Privacy Control or Do Not Track. */
  consentWithGpc: 'low',
  /** Share of visitors invited to the self-identification prompt. */
  askShare: 0.02,
} as const;
