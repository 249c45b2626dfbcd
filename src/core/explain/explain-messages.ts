/**
 * Every visitor-facing sentence of an explanation. `{share}` is a percentage of all visitors ("5%"), `{reason}` the
 * audience's own reason. Pass a partial object to {@link explain} to translate or reword; missing keys stay English.
 */
export interface ExplainMessages {
  /** Headline when an audience rule chose what is shown; followed by nothing else, `{reason}` is the audience's reason. */
  summaryAudience: string;
  /** Headline: targeted, but no audience matched. */
  summaryNoMatch: string;
  /** Headline: global holdout. */
  summaryHoldout: string;
  /** Headline: this slot's control group. */
  summaryControl: string;
  /** Headline: exploration picked a non-standard version. */
  summaryExplore: string;
  /** Headline: exploration picked the standard version. */
  summaryExploreStandard: string;
  /** Headline: forced for testing. */
  summaryForced: string;
  /** Headline: the visitor asked for the standard version. */
  summaryStandard: string;
  /** Headline: the visitor made the site forget what it remembered. */
  summaryForgotten: string;
  /** Headline: the slot kept its standard version on this page, having arrived too late to change without a visible swap. */
  summaryLateSlot: string;
  /** Headline: this part of the page has no personalization set up. */
  summaryUnknownSlot: string;
  /** Headline: the site's settings could not be used. */
  summaryInvalidConfig: string;
  /** Headline: this browser lets the site remember nothing. */
  summaryNoVisitorId: string;
  /** Arm: an audience rule chose the version. */
  armTargeted: string;
  /** Arm: targeted, no audience matched. */
  armNoMatch: string;
  /** Arm: global holdout; `{share}` is the real holdout share. */
  armHoldout: string;
  /** Arm: slot control; `{share}` is the share of all visitors in this slot's control group. */
  armControl: string;
  /** Arm: exploration; `{share}` is the share of all visitors who get a random pick here. */
  armExplore: string;
  /** Arm: forced for testing. */
  armForced: string;
  /** Arm: the visitor asked for the standard version. */
  armStandard: string;
  /** Arm: the site forgot; the next page starts afresh. */
  armForgotten: string;
  /** Arm: a late slot (only a slot that would show a chosen version waits for its content); what was chosen shows from the next page on. */
  armLateSlot: string;
  /** Arm: no personalization set up here. */
  armUnknownSlot: string;
  /** Arm: the site's settings could not be used. */
  armInvalidConfig: string;
  /** Arm: nothing can be remembered in this browser. */
  armNoVisitorId: string;
  /** Tier `low`. */
  tierLow: string;
  /** Tier `relationship`. */
  tierRelationship: string;
  /** Tier `high`. */
  tierHigh: string;
  /** A true signal value. */
  yes: string;
  /** A false signal value. */
  no: string;
  /** A signal this browser has no value for. */
  unknown: string;
  /** An empty list. */
  none: string;
  /** Between list items. */
  listSeparator: string;
  /** Where the data lives. */
  storage: string;
  /** Where the data lives when this browser lets the site store nothing. */
  storageBlocked: string;
  /** Where the data lives after the visitor made the site forget. */
  storageForgotten: string;
  /** What is sent to the site. */
  sent: string;
  /** What is sent under Global Privacy Control or Do Not Track. */
  sentGpc: string;
  /** When nothing about this decision is sent (forced, not set up, not counted). */
  sentNothing: string;
  /** Control: see the standard version. */
  showStandard: string;
  /** Control: undo "standard version". */
  personalize: string;
  /** Control: forget the data. */
  forget: string;
  /** Signal labels by signal name (`utm.campaign`), replacing the catalog's English ones; families by their `pages.*` name with `{key}`. */
  labels?: Record<string, string>;
}

/** The English sentences, the default of {@link explain}. */
export const EXPLAIN_MESSAGES_EN: ExplainMessages = {
  summaryAudience: 'You see a version this site chose for visitors like you. {reason}',
  summaryNoMatch: 'You see the standard version of this part of the page.',
  summaryHoldout: 'You see the standard page.',
  summaryControl: 'You see the standard version of this part of the page.',
  summaryExplore: 'You see a version picked at random.',
  summaryExploreStandard: 'You see the standard version, picked at random.',
  summaryForced: 'You see a version forced for testing.',
  summaryStandard: 'You see the standard version, as you asked.',
  summaryForgotten: 'This site forgot what it remembered about you, so you see the standard version.',
  summaryLateSlot: 'This part of the page loaded slowly, so it kept its standard version on this page instead of changing while you look at it.',
  summaryUnknownSlot: 'You see the standard version of this part of the page.',
  summaryInvalidConfig: 'You see the standard page.',
  summaryNoVisitorId: 'You see the standard page.',
  armTargeted: 'This site shows this version to visitors who match one of the audiences it set up.',
  armNoMatch: 'This site checked what it may use from your visit, and none of its audiences matched, so you see the standard version.',
  armHoldout:
    'You are among the {share} of visitors who always see our standard page, so we can check that personalization helps.',
  armControl:
    'You are among the {share} of visitors who see the standard version of this part of the page, so we can check that the other versions help.',
  armExplore: 'This version was picked at random to learn what works. {share} of visitors get a random pick here.',
  armForced: 'Someone opened this page with a test link that forces this version. It is not counted in any result.',
  armStandard: 'You asked to see the standard version, so nothing on this site is personalized for you until you turn it back on.',
  armForgotten: 'Everything this site stored in your browser was deleted. Nothing is personalized or counted on this page, and the next page starts afresh.',
  armLateSlot: 'A version was chosen for you here: you will see it from your next page on, and can ask there why.',
  armUnknownSlot: 'Nothing is personalized in this part of the page.',
  armInvalidConfig: 'This site’s personalization settings could not be used, so nothing is personalized.',
  armNoVisitorId: 'This browser does not let the site remember anything, so nothing is personalized or counted.',
  tierLow: 'this visit only',
  tierRelationship: 'remembered on this site',
  tierHigh: 'inferred from your activity',
  yes: 'yes',
  no: 'no',
  unknown: 'not known',
  none: 'none',
  listSeparator: ', ',
  storage: 'Stored in this browser only, in this site’s local storage; Safari may delete it after 7 days without a visit.',
  storageBlocked: 'This browser does not let the site store anything, so nothing is kept.',
  storageForgotten: 'Nothing is stored any more: this site deleted what it kept in your browser.',
  sent: 'This site receives which version you saw and the names of the audiences you matched — never the signals themselves.',
  sentGpc:
    'Your browser asks sites not to share your data (Global Privacy Control or Do Not Track), so this site receives only which version you saw — never the signals or the audiences you matched.',
  sentNothing: 'Nothing about this part of the page is sent to the site.',
  showStandard: 'Show me the standard version',
  personalize: 'Personalize again',
  forget: 'Forget what this site remembers',
};
