import type { SettingsCatalog } from '../settings.js';

const da: SettingsCatalog = (h) => ({
  title: 'Dine loginmetoder',
  notSignedIn: 'Log ind for at administrere dine loginmetoder.',
  isSet: 'Angivet',
  totpEnrolled: 'Konfigureret',
  totpNotEnrolled: 'Ikke konfigureret',
  addAnotherTotp: 'Tilføj endnu en godkendelsesapp',
  totpName: 'Navn på denne app',
  rename: 'Omdøb',
  remove: 'Fjern',
  removeTotpTitle: (name) => `Fjern “${name}”?`,
  removeTotpWarning: (name) => `Koder fra “${name}” holder straks op med at virke. Dine andre godkendelsesapps virker stadig.`,
  addTotp: 'Konfigurer godkendelsesapp',
  noPhone: 'Intet telefonnummer',
  smsDisabled: 'Sms er slået fra for denne konto.',
  changePhone: 'Skift telefonnummer',
  addPhone: 'Tilføj telefonnummer',
  changePhoneTitle: 'Skift dit telefonnummer',
  addPhoneTitle: 'Tilføj et telefonnummer',
  newPhoneIntro: 'Indtast det mobilnummer, du vil bruge fremover. Vi sender en kode til det nye nummer.',
  noEmail: 'Ingen e-mailadresse',
  codesLeft: (n) => h.p(n, { one: '# kode tilbage', other: '# koder tilbage' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Ingen koder tilbage: Brug “Lav nye backupkoder”.'
      : h.p(n, { one: 'Kun # kode tilbage: Brug “Lav nye backupkoder”.', other: 'Kun # koder tilbage: Brug “Lav nye backupkoder”.' }),
  newCodes: 'Lav nye backupkoder',
  newCodesWarning: 'Nye koder erstatter alle dine nuværende backupkoder: De gamle holder op med at virke med det samme.',
  cancel: 'Annuller',
  totpChanged: 'Din godkendelsesapp er tilføjet. Apps, du har konfigureret før, virker stadig.',
  totpUpdated: 'Dine godkendelsesapps er opdateret.',
  phoneChanged: 'Dit telefonnummer er ændret.',
  codesChanged: 'Dine nye backupkoder er klar. De gamle virker ikke længere.',
  reauthenticate: 'Af hensyn til din sikkerhed skal du logge ind igen for at ændre, hvordan du logger ind.',
  signInAgain: 'Log ind igen',
  stepUpTitle: 'Bekræft, at det er dig',
  stepUpIntro: 'Bekræft først med din anden faktor for at ændre, hvordan du logger ind.',
  stepUpUnavailable: 'Bekræftelsen kunne ikke indlæses. Tjek din forbindelse, og prøv igen.',
});

export default da;
