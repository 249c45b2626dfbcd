/**
 * The texts of the console errors and notices that the npm module's instance prints (reportError, reportNotice), as
 * template strings filled like the core table's (src/core/errors/error-messages.ts); a notice has no fix. The script
 * tag's builds load their lookup as one that finds nothing (src/util/report-text.ts), and its own codes
 * (`config-json`, `config-url`, `experience-not-applied`, `runtime-load`, `trusted-types`, `runtime-mismatch`,
 * `widget-load`) have no text here: its lines carry code, path and a short detail, and docs/errors.md explains them.
 */
export const RUNTIME_MESSAGES = {
  'listener-error': ['a listener threw: {error:error}.', 'Catch errors inside your listener.'],
  'internal-error:deciding': ['Candor failed while deciding ({error:error}), so the slot shows its standard content.', 'Please report this with the config.'],
  'internal-error:track': ['{error:error}', 'Please report this.'],
  'undeclared-attribute': ['"{key}" is not listed in the config\'s "declare".', 'Add "{key}" to "declare" in the config, or stop sending it.'],
  'storage-unavailable': [
    'this browser blocks storage here (private mode, a sandboxed iframe or disabled storage), so Candor shows the standard content and sends no events.',
    '',
  ],
  'storage-full': ['Candor could not save its state (storage full or blocked); this page view is not remembered.', ''],
  'shares-changed': [
    'the holdout, control or explore share of slot "{slot}" changed under config version "{version}", so its visitors are decided again. Give a new version whenever shares change.',
    '',
  ],
} as const;
