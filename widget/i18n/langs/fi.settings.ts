import type { SettingsCatalog } from '../settings.js';

const fi: SettingsCatalog = (h) => ({
  title: 'Kirjautumistapasi',
  notSignedIn: 'Kirjaudu sisään hallitaksesi kirjautumistapojasi.',
  isSet: 'Asetettu',
  totpEnrolled: 'Käytössä',
  totpNotEnrolled: 'Ei käytössä',
  addAnotherTotp: 'Lisää toinen todennussovellus',
  totpName: 'Tämän sovelluksen nimi',
  rename: 'Nimeä uudelleen',
  remove: 'Poista',
  removeTotpTitle: (name) => `Poistetaanko ”${name}”?`,
  removeTotpWarning: (name) => `Sovelluksen ”${name}” koodit lakkaavat toimimasta heti. Muut todennussovelluksesi toimivat edelleen.`,
  addTotp: 'Ota todennussovellus käyttöön',
  noPhone: 'Ei puhelinnumeroa',
  smsDisabled: 'Tekstiviestit on poistettu käytöstä tällä tilillä.',
  changePhone: 'Vaihda puhelinnumero',
  addPhone: 'Lisää puhelinnumero',
  changePhoneTitle: 'Vaihda puhelinnumerosi',
  addPhoneTitle: 'Lisää puhelinnumero',
  newPhoneIntro: 'Anna matkapuhelinnumero, jota käytät tästä lähtien. Lähetämme koodin uuteen numeroon.',
  noEmail: 'Ei sähköpostiosoitetta',
  codesLeft: (n) => h.p(n, { one: '# koodi jäljellä', other: '# koodia jäljellä' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Ei koodeja jäljellä: valitse ”Luo uudet varakoodit”.'
      : h.p(n, { one: 'Vain # koodi jäljellä: valitse ”Luo uudet varakoodit”.', other: 'Vain # koodia jäljellä: valitse ”Luo uudet varakoodit”.' }),
  newCodes: 'Luo uudet varakoodit',
  newCodesWarning: 'Uudet koodit korvaavat kaikki nykyiset varakoodisi: vanhat lakkaavat toimimasta heti.',
  cancel: 'Peruuta',
  totpChanged: 'Todennussovellus on lisätty. Aiemmin käyttöön otetut sovellukset toimivat edelleen.',
  totpUpdated: 'Todennussovelluksesi on päivitetty.',
  phoneChanged: 'Puhelinnumerosi on vaihdettu.',
  codesChanged: 'Uudet varakoodisi ovat valmiina. Vanhat eivät enää toimi.',
  reauthenticate: 'Turvallisuutesi vuoksi kirjaudu uudelleen muuttaaksesi kirjautumistapaasi.',
  signInAgain: 'Kirjaudu uudelleen',
  stepUpTitle: 'Vahvista henkilöllisyytesi',
  stepUpIntro: 'Vahvista ensin toisella tunnistautumistavalla, jotta voit muuttaa kirjautumistasi.',
  stepUpUnavailable: 'Vahvistusta ei voitu ladata. Tarkista yhteys ja yritä uudelleen.',
});

export default fi;
