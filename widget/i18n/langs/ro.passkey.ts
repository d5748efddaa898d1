import type { PasskeyCatalog } from '../passkey-book.js';

const ro: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Conectați-vă cu o cheie de acces',
    hint: 'Folosiți cheia de acces salvată pe acest dispozitiv, pe telefon sau pe cheia de securitate.',
    use: 'Folosiți o cheie de acces',
    offerTitle: 'Vă conectați mai repede data viitoare?',
    offerHint: 'Creați o cheie de acces: data viitoare vă conectați cu amprenta, fața sau blocarea ecranului, fără să tastați nimic.',
    create: 'Creați o cheie de acces',
    skip: 'Nu acum',
    cancelled: 'Cheia de acces nu a fost folosită. Încercați din nou sau folosiți altă metodă.',
    unsupported: 'Acest browser nu poate folosi chei de acces aici.',
  },
  trustDevice: {
    title: (days) =>
      h.p(days, {
        one: 'Aveți încredere în acest dispozitiv timp de # zi?',
        few: 'Aveți încredere în acest dispozitiv timp de # zile?',
        other: 'Aveți încredere în acest dispozitiv timp de # de zile?',
      }),
    hint: 'Până atunci, nu vi se va cere un al doilea factor în acest browser. Nu aveți încredere într-un computer partajat sau public.',
    yes: 'Am încredere în acest dispozitiv',
    no: 'Nu acum',
    checking: 'Se verifică acest dispozitiv…',
  },
  settings: {
    devicesTitle: 'Dispozitive de încredere',
    devicesIntro: 'În aceste browsere vă conectați fără al doilea factor.',
    deviceUsed: (trusted, used) => `De încredere din ${trusted}, folosit ultima dată pe ${used}`,
    deviceNotUsed: (trusted) => `De încredere din ${trusted}, încă nefolosit`,
    revokeDevice: 'Retrageți încrederea',
    revokeAllDevices: 'Retrageți încrederea pentru toate dispozitivele',
    devicesChanged: 'Acel dispozitiv va cere din nou al doilea factor.',
    devicesDropped: 'Dispozitivele în care aveați încredere vor cere din nou al doilea factor.',
    passkeysTitle: 'Chei de acces',
    passkeysIntro: 'Conectați-vă cu amprenta, fața sau blocarea ecranului în loc de un cod.',
    passkeyUsed: (created, used) => `Creată pe ${created}, folosită ultima dată pe ${used}`,
    passkeyNotUsed: (created) => `Creată pe ${created}, încă nefolosită`,
    passkeyName: 'Numele cheii de acces',
    renamePasskey: 'Redenumiți',
    removePasskey: 'Eliminați',
    createPasskey: 'Creați o cheie de acces',
    passkeyFailed: 'Nu a fost creată nicio cheie de acces. Încercați din nou sau folosiți altă metodă.',
    passkeysChanged: 'Cheile de acces sunt actualizate.',
  },
});

export default ro;
