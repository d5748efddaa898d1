import type { SettingsCatalog } from '../settings.js';

const pl: SettingsCatalog = (h) => ({
  title: 'Twoje metody logowania',
  notSignedIn: 'Zaloguj się, aby zarządzać metodami logowania.',
  isSet: 'Ustawione',
  totpEnrolled: 'Skonfigurowana',
  totpNotEnrolled: 'Nieskonfigurowana',
  addAnotherTotp: 'Dodaj kolejną aplikację uwierzytelniającą',
  totpName: 'Nazwa tej aplikacji',
  rename: 'Zmień nazwę',
  remove: 'Usuń',
  removeTotpTitle: (name) => `Usunąć „${name}”?`,
  removeTotpWarning: (name) => `Kody z „${name}” od razu przestaną działać. Pozostałe aplikacje uwierzytelniające działają nadal.`,
  addTotp: 'Skonfiguruj aplikację',
  noPhone: 'Brak numeru telefonu',
  smsDisabled: 'SMS-y są wyłączone dla tego konta.',
  changePhone: 'Zmień numer telefonu',
  addPhone: 'Dodaj numer telefonu',
  changePhoneTitle: 'Zmień numer telefonu',
  addPhoneTitle: 'Dodaj numer telefonu',
  newPhoneIntro: 'Wpisz numer komórki, którego chcesz odtąd używać. Wyślemy kod na nowy numer.',
  noEmail: 'Brak adresu e-mail',
  codesLeft: (n) => h.p(n, { one: 'Został # kod', few: 'Zostały # kody', other: 'Zostało # kodów' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Brak kodów: użyj opcji „Utwórz nowe kody zapasowe”.'
      : h.p(n, {
          one: 'Został tylko # kod: użyj opcji „Utwórz nowe kody zapasowe”.',
          few: 'Zostały tylko # kody: użyj opcji „Utwórz nowe kody zapasowe”.',
          other: 'Zostało tylko # kodów: użyj opcji „Utwórz nowe kody zapasowe”.',
        }),
  newCodes: 'Utwórz nowe kody zapasowe',
  newCodesWarning: 'Nowe kody zastępują wszystkie obecne kody zapasowe: stare od razu przestają działać.',
  cancel: 'Anuluj',
  totpChanged: 'Aplikacja uwierzytelniająca została dodana. Wcześniej skonfigurowane aplikacje działają nadal.',
  totpUpdated: 'Aplikacje uwierzytelniające zostały zaktualizowane.',
  phoneChanged: 'Numer telefonu został zmieniony.',
  codesChanged: 'Nowe kody zapasowe są gotowe. Stare już nie działają.',
  reauthenticate: 'Ze względów bezpieczeństwa zaloguj się ponownie, aby zmienić sposób logowania.',
  signInAgain: 'Zaloguj się ponownie',
  stepUpTitle: 'Potwierdź, że to Ty',
  stepUpIntro: 'Aby zmienić sposób logowania, najpierw potwierdź drugim składnikiem.',
  stepUpUnavailable: 'Nie udało się wczytać potwierdzenia. Sprawdź połączenie i spróbuj ponownie.',
});

export default pl;
