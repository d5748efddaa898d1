import type { SettingsCatalog } from '../settings.js';

const hu: SettingsCatalog = (h) => ({
  title: 'Bejelentkezési módszerei',
  notSignedIn: 'Jelentkezzen be a bejelentkezési módszerei kezeléséhez.',
  isSet: 'Beállítva',
  totpEnrolled: 'Beállítva',
  totpNotEnrolled: 'Nincs beállítva',
  addAnotherTotp: 'Újabb hitelesítő alkalmazás hozzáadása',
  totpName: 'Az alkalmazás neve',
  rename: 'Átnevezés',
  remove: 'Eltávolítás',
  removeTotpTitle: (name) => `Eltávolítja a(z) „${name}” alkalmazást?`,
  removeTotpWarning: (name) => `A(z) „${name}” kódjai azonnal érvényüket vesztik. A többi hitelesítő alkalmazás továbbra is működik.`,
  addTotp: 'Hitelesítő alkalmazás beállítása',
  noPhone: 'Nincs telefonszám',
  smsDisabled: 'Az SMS ki van kapcsolva ennél a fióknál.',
  changePhone: 'Telefonszám módosítása',
  addPhone: 'Telefonszám hozzáadása',
  changePhoneTitle: 'Telefonszám módosítása',
  addPhoneTitle: 'Telefonszám hozzáadása',
  newPhoneIntro: 'Adja meg a mostantól használt mobilszámot. Az új számra kódot küldünk.',
  noEmail: 'Nincs e-mail-cím',
  codesLeft: (n) => h.p(n, { other: '# kód maradt' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Nem maradt kód: válassza az „Új tartalékkódok létrehozása” lehetőséget.'
      : h.p(n, { other: 'Csak # kód maradt: válassza az „Új tartalékkódok létrehozása” lehetőséget.' }),
  newCodes: 'Új tartalékkódok létrehozása',
  newCodesWarning: 'Az új kódok az összes jelenlegi tartalékkódot felváltják: a régiek azonnal érvénytelenné válnak.',
  cancel: 'Mégse',
  totpChanged: 'A hitelesítő alkalmazás hozzáadva. A korábban beállított alkalmazások továbbra is működnek.',
  totpUpdated: 'A hitelesítő alkalmazások frissültek.',
  phoneChanged: 'A telefonszáma megváltozott.',
  codesChanged: 'Az új tartalékkódjai elkészültek. A régiek már nem működnek.',
  reauthenticate: 'Biztonsági okokból jelentkezzen be újra a bejelentkezés módjának módosításához.',
  signInAgain: 'Újra bejelentkezés',
  stepUpTitle: 'Igazolja, hogy Ön az',
  stepUpIntro: 'A bejelentkezés módjának módosításához először igazolja magát a második tényezővel.',
  stepUpUnavailable: 'Az ellenőrzést nem sikerült betölteni. Ellenőrizze a kapcsolatot, és próbálja újra.',
});

export default hu;
