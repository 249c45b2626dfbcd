/** Passed as `config` by the script tag when it has already reported why there is no usable config (one console error, not two). */
export const CONFIG_ALREADY_REPORTED = Symbol('candor.config-already-reported');
