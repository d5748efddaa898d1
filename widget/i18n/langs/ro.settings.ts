import type { SettingsCatalog } from '../settings.js';

const ro: SettingsCatalog = (h) => ({
  title: 'Metodele dvs. de conectare',
  notSignedIn: 'Conectați-vă ca să vă gestionați metodele de conectare.',
  isSet: 'Setată',
  totpEnrolled: 'Configurată',
  totpNotEnrolled: 'Neconfigurată',
  addAnotherTotp: 'Adăugați încă o aplicație de autentificare',
  totpName: 'Numele acestei aplicații',
  rename: 'Redenumiți',
  remove: 'Eliminați',
  removeTotpTitle: (name) => `Eliminați „${name}”?`,
  removeTotpWarning: (name) =>
    `Codurile din „${name}” nu vor mai funcționa imediat. Celelalte aplicații de autentificare funcționează în continuare.`,
  addTotp: 'Configurați aplicația',
  noPhone: 'Niciun număr de telefon',
  smsDisabled: 'SMS-urile sunt dezactivate pentru acest cont.',
  changePhone: 'Schimbați numărul de telefon',
  addPhone: 'Adăugați un număr de telefon',
  changePhoneTitle: 'Schimbați numărul de telefon',
  addPhoneTitle: 'Adăugați un număr de telefon',
  newPhoneIntro: 'Introduceți numărul de mobil pe care îl folosiți de acum. Vom trimite un cod la noul număr.',
  noEmail: 'Nicio adresă de e-mail',
  codesLeft: (n) => h.p(n, { one: 'A rămas # cod', few: 'Au rămas # coduri', other: 'Au rămas # de coduri' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Nu mai sunt coduri: folosiți „Creați coduri de rezervă noi”.'
      : h.p(n, {
          one: 'A rămas doar # cod: folosiți „Creați coduri de rezervă noi”.',
          few: 'Au rămas doar # coduri: folosiți „Creați coduri de rezervă noi”.',
          other: 'Au rămas doar # de coduri: folosiți „Creați coduri de rezervă noi”.',
        }),
  newCodes: 'Creați coduri de rezervă noi',
  newCodesWarning: 'Codurile noi le înlocuiesc pe toate cele actuale: cele vechi nu mai funcționează imediat.',
  cancel: 'Anulați',
  totpChanged: 'Aplicația de autentificare a fost adăugată. Aplicațiile configurate anterior funcționează în continuare.',
  totpUpdated: 'Aplicațiile de autentificare au fost actualizate.',
  phoneChanged: 'Numărul de telefon a fost schimbat.',
  codesChanged: 'Codurile de rezervă noi sunt gata. Cele vechi nu mai funcționează.',
  reauthenticate: 'Pentru siguranța dvs., conectați-vă din nou ca să schimbați modul de conectare.',
  signInAgain: 'Conectați-vă din nou',
  stepUpTitle: 'Confirmați că sunteți dvs.',
  stepUpIntro: 'Ca să schimbați modul de conectare, confirmați mai întâi cu al doilea factor.',
  stepUpUnavailable: 'Confirmarea nu s-a putut încărca. Verificați conexiunea și încercați din nou.',
});

export default ro;
