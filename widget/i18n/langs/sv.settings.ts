import type { SettingsCatalog } from '../settings.js';

const sv: SettingsCatalog = (h) => ({
  title: 'Dina inloggningsmetoder',
  notSignedIn: 'Logga in för att hantera dina inloggningsmetoder.',
  isSet: 'Angivet',
  totpEnrolled: 'Konfigurerad',
  totpNotEnrolled: 'Inte konfigurerad',
  addAnotherTotp: 'Lägg till ännu en autentiseringsapp',
  totpName: 'Namn på den här appen',
  rename: 'Byt namn',
  remove: 'Ta bort',
  removeTotpTitle: (name) => `Ta bort ”${name}”?`,
  removeTotpWarning: (name) => `Koder från ”${name}” slutar fungera direkt. Dina andra autentiseringsappar fungerar fortfarande.`,
  addTotp: 'Konfigurera autentiseringsapp',
  noPhone: 'Inget telefonnummer',
  smsDisabled: 'Sms är avstängt för kontot.',
  changePhone: 'Byt telefonnummer',
  addPhone: 'Lägg till telefonnummer',
  changePhoneTitle: 'Byt telefonnummer',
  addPhoneTitle: 'Lägg till ett telefonnummer',
  newPhoneIntro: 'Ange mobilnumret du vill använda från och med nu. Vi skickar en kod till det nya numret.',
  noEmail: 'Ingen e-postadress',
  codesLeft: (n) => h.p(n, { one: '# kod kvar', other: '# koder kvar' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Inga koder kvar: använd ”Skapa nya reservkoder”.'
      : h.p(n, { one: 'Bara # kod kvar: använd ”Skapa nya reservkoder”.', other: 'Bara # koder kvar: använd ”Skapa nya reservkoder”.' }),
  newCodes: 'Skapa nya reservkoder',
  newCodesWarning: 'Nya koder ersätter alla dina nuvarande reservkoder: de gamla slutar fungera direkt.',
  cancel: 'Avbryt',
  totpChanged: 'Din autentiseringsapp är tillagd. Appar du konfigurerat tidigare fungerar fortfarande.',
  totpUpdated: 'Dina autentiseringsappar är uppdaterade.',
  phoneChanged: 'Ditt telefonnummer är ändrat.',
  codesChanged: 'Dina nya reservkoder är klara. De gamla fungerar inte längre.',
  reauthenticate: 'Av säkerhetsskäl behöver du logga in igen för att ändra hur du loggar in.',
  signInAgain: 'Logga in igen',
  stepUpTitle: 'Bekräfta att det är du',
  stepUpIntro: 'Bekräfta först med din andra faktor för att ändra hur du loggar in.',
  stepUpUnavailable: 'Bekräftelsen kunde inte läsas in. Kontrollera anslutningen och försök igen.',
});

export default sv;
