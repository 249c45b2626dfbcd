/**
 * Every string the widget itself shows (the explanation's sentences come from the decision record).
 * Replace any of them with {@link setWidgetMessages} to translate the widget.
 */
export const WIDGET_MESSAGES_EN = {
  /** Text of the default button inside an empty `<candor-why>`, and the dialog's title. */
  title: 'Why am I seeing this?',
  /** Accessible name of the close button. */
  close: 'Close',
  /** Section: the rule the site chose. */
  chose: 'What the site chose',
  /** Section: the signals read from this visit. */
  used: 'What we used from your visit',
  /** Shown when no signal was used. */
  noSignals: 'Nothing from your visit was used for this.',
  /** Section, when no audience matched: the signals that were checked. */
  checked: 'What we checked from your visit',
  /** When no audience matched and there was nothing to check. */
  nothingChecked: 'This part of the page has no audience that your visit could match.',
  /** Section: storage and what is sent. */
  data: 'Where your data lives',
  /** Section: the visitor's controls. */
  choices: 'Your choices',
  showStandard: 'Show me the standard version',
  personalize: 'Personalize again',
  forget: 'Forget what this site remembers',
  /** Status after "Show me the standard version". */
  standardDone: 'Done: this site now shows you its standard version everywhere, also on later visits.',
  /** Status after "Personalize again". */
  personalizeDone: 'Done: this site may personalize what you see again.',
  /** Status after "Forget". */
  forgotten: 'Done: everything this site stored in your browser is deleted. The page shows its standard content.',
  /** Status when an action failed. */
  failed: 'That did not work. Please try again.',
  /** Legend of the tier choices. */
  tierQuestion: 'What may this site use to personalize?',
  low: 'This visit only',
  relationship: 'Remembered on this site',
  high: 'Inferred from your activity',
  /** Status after a tier choice. */
  tierDone: 'Saved. It applies from the next page you open.',
  /** Shown when Global Privacy Control or Do Not Track caps the tier; `{tier}` is replaced by the cap's label. */
  gpc: 'Your browser asks sites not to track you, so this site uses at most: {tier}.',
  privacy: 'Privacy notice',
  /** When the slot has no explanation. */
  unknown: 'This part of the page is the same for everyone.',
  /** The self-identification prompt's dismiss button. */
  skip: 'Skip',
  /** Shown after the self-identification prompt was answered. */
  thanks: 'Thank you.',
};

/** The widget's strings; every key is replaceable. */
export type WidgetMessages = typeof WIDGET_MESSAGES_EN;

/** The strings in use. */
export const messages: WidgetMessages = { ...WIDGET_MESSAGES_EN };

/**
 * Replaces some or all of the widget's strings (translation). Applies to dialogs and prompts opened afterwards.
 * Non-string values are ignored.
 * @example setWidgetMessages({ title: 'Warum sehe ich das?', close: 'Schließen' });
 */
export function setWidgetMessages(partial: Partial<WidgetMessages>): void {
  for (const [key, value] of Object.entries(Object(partial) as Record<string, unknown>)) {
    if (typeof value === 'string' && key in WIDGET_MESSAGES_EN) messages[key as keyof WidgetMessages] = value;
  }
}
