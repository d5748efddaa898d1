import type { PasskeyCatalog } from '../passkey-book.js';

const pl: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Zaloguj się kluczem dostępu',
    hint: 'Użyj klucza dostępu zapisanego na tym urządzeniu, telefonie lub kluczu bezpieczeństwa.',
    use: 'Użyj klucza dostępu',
    offerTitle: 'Następnym razem logować się szybciej?',
    offerHint: 'Utwórz klucz dostępu: następnym razem zalogujesz się odciskiem palca, twarzą lub blokadą ekranu, bez wpisywania czegokolwiek.',
    create: 'Utwórz klucz dostępu',
    skip: 'Nie teraz',
    cancelled: 'Klucz dostępu nie został użyty. Spróbuj ponownie lub wybierz inną metodę.',
    unsupported: 'Ta przeglądarka nie może tu używać kluczy dostępu.',
  },
  trustDevice: {
    title: (days) =>
      h.p(days, {
        one: 'Ufać temu urządzeniu przez # dzień?',
        few: 'Ufać temu urządzeniu przez # dni?',
        many: 'Ufać temu urządzeniu przez # dni?',
        other: 'Ufać temu urządzeniu przez # dnia?',
      }),
    hint: 'Do tego czasu ta przeglądarka nie będzie prosić o drugi składnik. Nie ufaj komputerowi współdzielonemu ani publicznemu.',
    yes: 'Ufaj temu urządzeniu',
    no: 'Nie teraz',
    checking: 'Sprawdzanie tego urządzenia…',
  },
  settings: {
    devicesTitle: 'Zaufane urządzenia',
    devicesIntro: 'W tych przeglądarkach logujesz się bez drugiego składnika.',
    deviceUsed: (trusted, used) => `Zaufane od ${trusted}, ostatnio użyte ${used}`,
    deviceNotUsed: (trusted) => `Zaufane od ${trusted}, jeszcze nieużyte`,
    revokeDevice: 'Przestań ufać',
    revokeAllDevices: 'Przestań ufać wszystkim urządzeniom',
    devicesChanged: 'To urządzenie znów poprosi o drugi składnik.',
    devicesDropped: 'Zaufane wcześniej urządzenia znów poproszą o drugi składnik.',
    passkeysTitle: 'Klucze dostępu',
    passkeysIntro: 'Loguj się odciskiem palca, twarzą lub blokadą ekranu zamiast kodem.',
    passkeyUsed: (created, used) => `Utworzony ${created}, ostatnio użyty ${used}`,
    passkeyNotUsed: (created) => `Utworzony ${created}, jeszcze nieużyty`,
    passkeyName: 'Nazwa klucza dostępu',
    renamePasskey: 'Zmień nazwę',
    removePasskey: 'Usuń',
    createPasskey: 'Utwórz klucz dostępu',
    passkeyFailed: 'Nie utworzono klucza dostępu. Spróbuj ponownie lub wybierz inną metodę.',
    passkeysChanged: 'Twoje klucze dostępu zostały zaktualizowane.',
  },
});

export default pl;
