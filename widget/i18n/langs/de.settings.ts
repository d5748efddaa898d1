import type { SettingsCatalog } from '../settings.js';

const de: SettingsCatalog = (h) => ({
  title: 'Ihre Anmeldemethoden',
  notSignedIn: 'Melden Sie sich an, um Ihre Anmeldemethoden zu verwalten.',
  isSet: 'Festgelegt',
  totpEnrolled: 'Eingerichtet',
  totpNotEnrolled: 'Nicht eingerichtet',
  addAnotherTotp: 'Weitere Authenticator-App hinzufügen',
  totpName: 'Name dieser App',
  rename: 'Umbenennen',
  remove: 'Entfernen',
  removeTotpWarning: (name) => `Codes aus „${name}“ funktionieren sofort nicht mehr. Ihre anderen Authenticator-Apps funktionieren weiter.`,
  addTotp: 'Authenticator-App einrichten',
  noPhone: 'Keine Telefonnummer',
  smsDisabled: 'SMS sind für dieses Konto deaktiviert.',
  changePhone: 'Telefonnummer ändern',
  addPhone: 'Telefonnummer hinzufügen',
  changePhoneTitle: 'Telefonnummer ändern',
  addPhoneTitle: 'Telefonnummer hinzufügen',
  newPhoneIntro: 'Geben Sie die Mobilnummer ein, die Sie ab jetzt verwenden möchten. Wir senden einen Code an die neue Nummer.',
  noEmail: 'Keine E-Mail-Adresse',
  codesLeft: (n) => h.p(n, { one: '# Code übrig', other: '# Codes übrig' }),
  fewCodesLeft: (n) =>
    h.p(n, {
      zero: 'Keine Codes übrig: Nutzen Sie „Neue Backup-Codes erstellen“.',
      one: 'Nur noch # Code übrig: Nutzen Sie „Neue Backup-Codes erstellen“.',
      other: 'Nur noch # Codes übrig: Nutzen Sie „Neue Backup-Codes erstellen“.',
    }),
  newCodes: 'Neue Backup-Codes erstellen',
  newCodesWarning: 'Neue Codes ersetzen alle bisherigen Backup-Codes: Die alten funktionieren sofort nicht mehr.',
  cancel: 'Abbrechen',
  totpChanged: 'Ihre Authenticator-App ist hinzugefügt. Zuvor eingerichtete Apps funktionieren weiter.',
  totpUpdated: 'Ihre Authenticator-Apps sind aktualisiert.',
  phoneChanged: 'Ihre Telefonnummer wurde geändert.',
  codesChanged: 'Ihre neuen Backup-Codes sind bereit. Die alten funktionieren nicht mehr.',
  reauthenticate: 'Melden Sie sich zu Ihrer Sicherheit erneut an, um Ihre Anmeldung zu ändern.',
  signInAgain: 'Erneut anmelden',
  stepUpTitle: 'Bestätigen Sie, dass Sie es sind',
  stepUpIntro: 'Bestätigen Sie zuerst mit Ihrem zweiten Faktor, um Ihre Anmeldung zu ändern.',
  stepUpUnavailable: 'Die Bestätigung konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
});

export default de;
