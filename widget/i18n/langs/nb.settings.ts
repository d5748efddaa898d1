import type { SettingsCatalog } from '../settings.js';

const nb: SettingsCatalog = (h) => ({
  title: 'Påloggingsmetodene dine',
  notSignedIn: 'Logg på for å administrere påloggingsmetodene dine.',
  isSet: 'Angitt',
  totpEnrolled: 'Konfigurert',
  totpNotEnrolled: 'Ikke konfigurert',
  addAnotherTotp: 'Legg til en annen autentiseringsapp',
  totpName: 'Navn på denne appen',
  rename: 'Gi nytt navn',
  remove: 'Fjern',
  removeTotpTitle: (name) => `Fjerne «${name}»?`,
  removeTotpWarning: (name) => `Koder fra «${name}» slutter å virke med en gang. De andre autentiseringsappene dine virker fortsatt.`,
  addTotp: 'Konfigurer autentiseringsapp',
  noPhone: 'Ikke noe telefonnummer',
  smsDisabled: 'SMS er slått av for denne kontoen.',
  changePhone: 'Endre telefonnummer',
  addPhone: 'Legg til telefonnummer',
  changePhoneTitle: 'Endre telefonnummeret',
  addPhoneTitle: 'Legg til et telefonnummer',
  newPhoneIntro: 'Skriv inn mobilnummeret du vil bruke fra nå av. Vi sender en kode til det nye nummeret.',
  noEmail: 'Ingen e-postadresse',
  codesLeft: (n) => h.p(n, { one: '# kode igjen', other: '# koder igjen' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Ingen koder igjen: Bruk «Lag nye reservekoder».'
      : h.p(n, { one: 'Bare # kode igjen: Bruk «Lag nye reservekoder».', other: 'Bare # koder igjen: Bruk «Lag nye reservekoder».' }),
  newCodes: 'Lag nye reservekoder',
  newCodesWarning: 'Nye koder erstatter alle de nåværende reservekodene: De gamle slutter å virke med en gang.',
  cancel: 'Avbryt',
  totpChanged: 'Autentiseringsappen er lagt til. Apper du har konfigurert før, virker fortsatt.',
  totpUpdated: 'Autentiseringsappene dine er oppdatert.',
  phoneChanged: 'Telefonnummeret er endret.',
  codesChanged: 'De nye reservekodene er klare. De gamle virker ikke lenger.',
  reauthenticate: 'Av sikkerhetshensyn må du logge på igjen for å endre hvordan du logger på.',
  signInAgain: 'Logg på igjen',
  stepUpTitle: 'Bekreft at det er deg',
  stepUpIntro: 'Bekreft først med den andre faktoren for å endre hvordan du logger på.',
  stepUpUnavailable: 'Bekreftelsen kunne ikke lastes inn. Sjekk tilkoblingen og prøv igjen.',
});

export default nb;
