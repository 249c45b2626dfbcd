/** The fields each part of a config may have, space-separated. */
export const FIELDS = {
  config: '$schema checked v version salt holdout consent audiences slots sections declare goals ask privacyUrl',
  consent: 'default withGpc ask',
  audience: 'when reason tier shadow label',
  slot: 'control explore independent experiences',
  experience: 'id audience eligible changes',
  change: 'selector text attrs template',
  goal: 'path',
  ask: 'key question options share segments',
} as const;

/** A part of a config, as the field lists and the error texts name it. */
export type ConfigPart = keyof typeof FIELDS;

/** The attributes a change may set from config; anything else goes in a `<template>`. */
export const SAFE_ATTRS = ['href', 'src', 'alt', 'class', 'title', 'aria-label'];

/** The longest audience `reason`, in characters: visitors read one short sentence. */
export const MAX_REASON = 280;
