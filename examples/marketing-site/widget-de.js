// @ts-check
/**
 * German strings for Candor's "Why am I seeing this?" widget and self-identification prompt.
 * Load this before the widget (a plain same-origin script, so it runs under a strict CSP); the widget reads
 * `window.candorWidgetMessages` when it loads. With npm: `setWidgetMessages(de)` from `candor/widget`.
 */
/** @type {import('../../src/widget/widget-messages.js').WidgetMessages} */
const de = {
  title: 'Warum sehe ich das?',
  close: 'Schließen',
  chose: 'Was die Website ausgewählt hat',
  used: 'Was wir aus Ihrem Besuch verwendet haben',
  noSignals: 'Dafür wurde nichts aus Ihrem Besuch verwendet.',
  checked: 'Was wir aus Ihrem Besuch geprüft haben',
  nothingChecked: 'Für diesen Seitenteil gibt es keine Zielgruppe, zu der Ihr Besuch passen könnte.',
  data: 'Wo Ihre Daten liegen',
  choices: 'Ihre Wahl',
  showStandard: 'Standardversion anzeigen',
  personalize: 'Wieder personalisieren',
  forget: 'Vergessen, was diese Website gespeichert hat',
  standardDone: 'Erledigt: Diese Website zeigt Ihnen überall die Standardversion, auch bei späteren Besuchen.',
  personalizeDone: 'Erledigt: Diese Website darf wieder personalisieren, was Sie sehen.',
  forgotten: 'Erledigt: Alles, was diese Website in Ihrem Browser gespeichert hat, ist gelöscht. Die Seite zeigt ihren Standardinhalt.',
  failed: 'Das hat nicht funktioniert. Bitte versuchen Sie es noch einmal.',
  tierQuestion: 'Was darf diese Website zum Personalisieren verwenden?',
  low: 'Nur diesen Besuch',
  relationship: 'Was diese Website sich merkt',
  high: 'Was aus Ihrem Verhalten geschlossen wird',
  tierDone: 'Gespeichert. Das gilt ab der nächsten Seite, die Sie öffnen.',
  gpc: 'Ihr Browser bittet Websites, Sie nicht zu verfolgen. Deshalb verwendet diese Website höchstens: {tier}.',
  privacy: 'Datenschutzerklärung',
  unknown: 'Dieser Teil der Seite ist für alle gleich.',
  skip: 'Überspringen',
  thanks: 'Vielen Dank.',
};
/**
 * German sentences of the explanation itself (what `candor.explain()` returns), read by the loader at start.
 * @type {Partial<import('../../src/core/explain/explain-messages.js').ExplainMessages>}
 */
const explainDe = {
  summaryAudience: 'Sie sehen eine Version, die diese Website für Besucher wie Sie ausgewählt hat. {reason}',
  summaryNoMatch: 'Sie sehen die Standardversion dieses Seitenteils.',
  summaryHoldout: 'Sie sehen die Standardseite.',
  summaryControl: 'Sie sehen die Standardversion dieses Seitenteils.',
  summaryExplore: 'Sie sehen eine zufällig ausgewählte Version.',
  summaryExploreStandard: 'Sie sehen die Standardversion, zufällig ausgewählt.',
  summaryForced: 'Sie sehen eine für Tests erzwungene Version.',
  summaryStandard: 'Sie sehen die Standardversion, wie gewünscht.',
  summaryForgotten: 'Diese Website hat vergessen, was sie über Sie gespeichert hatte, deshalb sehen Sie die Standardversion.',
  summaryUnknownSlot: 'Sie sehen die Standardversion dieses Seitenteils.',
  summaryInvalidConfig: 'Sie sehen die Standardseite.',
  summaryNoVisitorId: 'Sie sehen die Standardseite.',
  armTargeted: 'Diese Website zeigt diese Version Besuchern, die zu einer ihrer Zielgruppen passen.',
  armNoMatch: 'Diese Website hat geprüft, was sie aus Ihrem Besuch verwenden darf, und keine ihrer Zielgruppen passte, deshalb sehen Sie die Standardversion.',
  armHoldout: 'Sie gehören zu den {share} der Besucher, die immer die Standardseite sehen, damit wir prüfen können, ob Personalisierung hilft.',
  armControl: 'Sie gehören zu den {share} der Besucher, die hier die Standardversion sehen, damit wir prüfen können, ob die anderen Versionen helfen.',
  armExplore: 'Diese Version wurde zufällig gewählt, um zu lernen, was funktioniert. {share} der Besucher erhalten hier eine zufällige Version.',
  armForced: 'Diese Seite wurde mit einem Testlink geöffnet, der diese Version erzwingt. Sie wird in keinem Ergebnis gezählt.',
  armStandard: 'Sie haben die Standardversion gewählt; nichts auf dieser Website wird für Sie personalisiert, bis Sie es wieder einschalten.',
  armForgotten: 'Alles, was diese Website in Ihrem Browser gespeichert hatte, ist gelöscht. Auf dieser Seite wird nichts personalisiert oder gezählt, und die nächste Seite beginnt neu.',
  armUnknownSlot: 'In diesem Seitenteil wird nichts personalisiert.',
  armInvalidConfig: 'Die Personalisierungseinstellungen dieser Website sind nicht nutzbar, daher wird nichts personalisiert.',
  armNoVisitorId: 'Dieser Browser lässt die Website nichts speichern, daher wird nichts personalisiert oder gezählt.',
  tierLow: 'nur dieser Besuch',
  tierRelationship: 'auf dieser Website gespeichert',
  tierHigh: 'aus Ihrem Verhalten geschlossen',
  yes: 'ja',
  no: 'nein',
  unknown: 'unbekannt',
  none: 'keine',
  storage: 'Nur in diesem Browser gespeichert, im lokalen Speicher dieser Website; Safari löscht es eventuell nach 7 Tagen ohne Besuch.',
  storageBlocked: 'Dieser Browser lässt die Website nichts speichern, daher wird nichts aufbewahrt.',
  storageForgotten: 'Nichts ist mehr gespeichert: Diese Website hat gelöscht, was sie in Ihrem Browser aufbewahrt hatte.',
  sent: 'Diese Website erfährt, welche Version Sie gesehen haben und zu welchen Zielgruppen Sie passen – nie die Signale selbst.',
  sentGpc:
    'Ihr Browser bittet Websites, Ihre Daten nicht weiterzugeben (Global Privacy Control oder Do Not Track), daher erfährt diese Website nur, welche Version Sie gesehen haben.',
  sentNothing: 'Über diesen Seitenteil wird nichts an die Website gesendet.',
  showStandard: 'Standardversion anzeigen',
  personalize: 'Wieder personalisieren',
  forget: 'Vergessen, was diese Website gespeichert hat',
  labels: {
    'utm.campaign': 'Kampagne, über die Sie gekommen sind',
    'utm.source': 'Woher der Link kam, dem Sie gefolgt sind',
    'utm.medium': 'Art des Links, dem Sie gefolgt sind',
    'referrer.kind': 'Art der Website, die Sie hergeschickt hat',
    'visit.returning': 'Sie waren schon einmal hier',
    'visit.count': 'Seitenaufrufe auf dieser Website',
    'pages.*': 'Seiten, die Sie in „{key}“ gelesen haben',
    'declared.*': 'Was Sie uns gesagt haben: {key}',
    'locale.language': 'Sprache Ihres Browsers',
    'device.type': 'Art des Geräts',
  },
};
Object.assign(window, { candorWidgetMessages: de, candorExplainMessages: explainDe });
