import type { SettingsCatalog } from '../settings.js';

const nl: SettingsCatalog = (h) => ({
  title: 'Je inlogmethoden',
  notSignedIn: 'Log in om je inlogmethoden te beheren.',
  isSet: 'Ingesteld',
  totpEnrolled: 'Ingesteld',
  totpNotEnrolled: 'Niet ingesteld',
  addAnotherTotp: 'Nog een authenticator-app toevoegen',
  totpName: 'Naam van deze app',
  rename: 'Naam wijzigen',
  remove: 'Verwijderen',
  removeTotpTitle: (name) => `‘${name}’ verwijderen?`,
  removeTotpWarning: (name) => `Codes uit ‘${name}’ werken meteen niet meer. Je andere authenticator-apps blijven werken.`,
  addTotp: 'Authenticator-app instellen',
  noPhone: 'Geen telefoonnummer',
  smsDisabled: 'Sms is uitgeschakeld voor dit account.',
  changePhone: 'Telefoonnummer wijzigen',
  addPhone: 'Telefoonnummer toevoegen',
  changePhoneTitle: 'Je telefoonnummer wijzigen',
  addPhoneTitle: 'Een telefoonnummer toevoegen',
  newPhoneIntro: 'Voer het mobiele nummer in dat je voortaan wilt gebruiken. We sturen een code naar het nieuwe nummer.',
  noEmail: 'Geen e-mailadres',
  codesLeft: (n) => h.p(n, { one: '# code over', other: '# codes over' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Geen codes meer: gebruik ‘Nieuwe back-upcodes maken’.'
      : h.p(n, {
          one: 'Nog maar # code over: gebruik ‘Nieuwe back-upcodes maken’.',
          other: 'Nog maar # codes over: gebruik ‘Nieuwe back-upcodes maken’.',
        }),
  newCodes: 'Nieuwe back-upcodes maken',
  newCodesWarning: 'Nieuwe codes vervangen al je huidige back-upcodes: de oude werken direct niet meer.',
  cancel: 'Annuleren',
  totpChanged: 'Je authenticator-app is toegevoegd. Eerder ingestelde apps blijven werken.',
  totpUpdated: 'Je authenticator-apps zijn bijgewerkt.',
  phoneChanged: 'Je telefoonnummer is gewijzigd.',
  codesChanged: 'Je nieuwe back-upcodes zijn klaar. De oude werken niet meer.',
  reauthenticate: 'Log voor je veiligheid opnieuw in om te wijzigen hoe je inlogt.',
  signInAgain: 'Opnieuw inloggen',
  stepUpTitle: 'Bevestig dat jij het bent',
  stepUpIntro: 'Bevestig eerst met je tweede factor om te wijzigen hoe je inlogt.',
  stepUpUnavailable: 'De bevestiging kon niet worden geladen. Controleer je verbinding en probeer het opnieuw.',
});

export default nl;
