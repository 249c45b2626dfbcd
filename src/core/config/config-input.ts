/**
 * The config as people write it: every field with a default is optional. `validateConfig` turns it into a
 * {@link ValidConfig}; `dist/config.schema.json` is generated from these types (`npm run build`), so an editor that
 * reads `"$schema": "node_modules/candor/dist/config.schema.json"` completes and checks a config while it is written.
 */
import type { AskConfig, AudienceConfig, ConsentConfig, ExperienceConfig, GoalConfig, SlotConfig, ValidConfig } from '../types.js';

/**
 * A share of visitors, from 0 to 1 (0.1 = 10 %).
 * @minimum 0
 * @maximum 1
 */
export type Share = number;

/** A page slot as written: `control` and `explore` default to 0.1. */
export interface SlotInput extends Omit<SlotConfig, 'control' | 'explore'> {
  /** Share of non-holdout visitors who see the standard content in this slot (per-slot control). Default 0.1. */
  control?: Share;
  /**
   * Share of non-holdout visitors who explore: they see one randomly drawn audience's experiences (or the standard
   * content), with its propensity logged. Coherent slots (not `independent`) must share one value. Default 0.1.
   */
  explore?: Share;
  /** In priority order: targeted visitors get the first whose audience matches. */
  experiences: ExperienceConfig[];
}

/** Consent caps as written: every field is optional. */
export interface ConsentInput extends Partial<Omit<ConsentConfig, 'ask'>> {
  /** When true, the widget offers the visitor the tier choices. */
  ask?: boolean;
}

/** The self-identification prompt as written: `share` defaults to 0.02. */
export interface AskInput extends Omit<AskConfig, 'share'> {
  /** Share of visitors invited, independent of arm. Default 0.02. */
  share?: Share;
}

/**
 * A site's config as written, in JSON (a script tag carries it) or as an object (`createCandor({ config })`).
 * Check one with `candor check config.json`; each problem's code is explained in the docs' error table.
 */
export interface ConfigInput {
  /** The JSON Schema this file follows, for editors; ignored by Candor. */
  $schema?: string;
  /**
   * Written by `candor check --stamp`: this exact config passed validation for this build of the script tag, which
   * then neither validates it again nor fetches its validator (`candor-check.min.js`). Any edit voids it. Never write it by hand.
   */
  checked?: string;
  /** The config format: always 1. */
  v: 1;
  /**
   * The config version; pins assignments. A new version re-decides every visitor.
   * @minLength 1
   */
  version: string;
  /**
   * The analysis period; changing it starts a new holdout and new assignments.
   * @minLength 1
   */
  salt: string;
  /** Global holdout share: visitors who never see personalization. Default 0.05. */
  holdout?: Share;
  /** Consent caps. Default `{ "default": "relationship", "withGpc": "low" }`. */
  consent?: ConsentInput;
  /** Named audiences: who a visitor is, from browser signals, with the reason they are told. */
  audiences: Record<string, AudienceConfig>;
  /** Page slots: where one experience is chosen per visitor. */
  slots: Record<string, SlotInput>;
  /** Site sections for `pages.<section>`: section name to path prefix (`{ "docs": "/docs" }`). */
  sections?: Record<string, string>;
  /** Keys allowed for `declared.<key>` (what visitors tell the site through `setAttributes` or the prompt). */
  declare?: string[];
  /** Page-view goals: `{ "demo-booked": { "path": "/thanks" } }` (path prefix). */
  goals?: Record<string, GoalConfig>;
  /** The self-identification prompt (ground truth for "does the robot know who's who?"). */
  ask?: AskInput;
  /** Where the site's privacy notice is; the widget links to it. */
  privacyUrl?: string;
}

/** The validated config a {@link ConfigInput} becomes: defaults filled in, audiences resolved. */
export type { ValidConfig };
