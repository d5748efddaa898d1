import type { SettingsCatalog } from '../settings.js';

const cs: SettingsCatalog = (h) => ({
  title: 'Vaše způsoby přihlášení',
  notSignedIn: 'Přihlaste se, abyste mohli spravovat způsoby přihlášení.',
  isSet: 'Nastaveno',
  totpEnrolled: 'Nastaveno',
  totpNotEnrolled: 'Nenastaveno',
  addAnotherTotp: 'Přidat další ověřovací aplikaci',
  totpName: 'Název této aplikace',
  rename: 'Přejmenovat',
  remove: 'Odebrat',
  removeTotpTitle: (name) => `Odebrat „${name}“?`,
  removeTotpWarning: (name) => `Kódy z „${name}“ okamžitě přestanou fungovat. Ostatní ověřovací aplikace fungují dál.`,
  addTotp: 'Nastavit ověřovací aplikaci',
  noPhone: 'Žádné telefonní číslo',
  smsDisabled: 'SMS jsou pro tento účet vypnuté.',
  changePhone: 'Změnit telefonní číslo',
  addPhone: 'Přidat telefonní číslo',
  changePhoneTitle: 'Změna telefonního čísla',
  addPhoneTitle: 'Přidání telefonního čísla',
  newPhoneIntro: 'Zadejte číslo mobilu, které chcete od teď používat. Na nové číslo pošleme kód.',
  noEmail: 'Žádná e-mailová adresa',
  codesLeft: (n) => h.p(n, { one: 'Zbývá # kód', few: 'Zbývají # kódy', other: 'Zbývá # kódů' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Žádné kódy nezbývají: použijte „Vytvořit nové záložní kódy“.'
      : h.p(n, {
          one: 'Zbývá jen # kód: použijte „Vytvořit nové záložní kódy“.',
          few: 'Zbývají jen # kódy: použijte „Vytvořit nové záložní kódy“.',
          other: 'Zbývá jen # kódů: použijte „Vytvořit nové záložní kódy“.',
        }),
  newCodes: 'Vytvořit nové záložní kódy',
  newCodesWarning: 'Nové kódy nahradí všechny současné záložní kódy: staré okamžitě přestanou fungovat.',
  cancel: 'Zrušit',
  totpChanged: 'Ověřovací aplikace je přidaná. Dříve nastavené aplikace fungují dál.',
  totpUpdated: 'Ověřovací aplikace jsou aktualizované.',
  phoneChanged: 'Telefonní číslo bylo změněno.',
  codesChanged: 'Nové záložní kódy jsou připravené. Staré už nefungují.',
  reauthenticate: 'Z bezpečnostních důvodů se znovu přihlaste, abyste mohli změnit způsob přihlášení.',
  signInAgain: 'Znovu se přihlásit',
  stepUpTitle: 'Potvrďte, že jste to vy',
  stepUpIntro: 'Pro změnu způsobu přihlášení nejprve potvrďte druhým faktorem.',
  stepUpUnavailable: 'Potvrzení se nepodařilo načíst. Zkontrolujte připojení a zkuste to znovu.',
});

export default cs;
