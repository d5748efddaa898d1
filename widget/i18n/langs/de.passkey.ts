import type { PasskeyCatalog } from '../passkey-book.js';

const de: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Mit Passkey anmelden',
    hint: 'Verwenden Sie den Passkey auf diesem Gerät, Ihrem Telefon oder Ihrem Sicherheitsschlüssel.',
    use: 'Passkey verwenden',
    offerTitle: 'Nächstes Mal schneller anmelden?',
    offerHint:
      'Erstellen Sie einen Passkey: Dann melden Sie sich nächstes Mal mit Fingerabdruck, Gesicht oder Displaysperre an, ohne etwas einzutippen.',
    create: 'Passkey erstellen',
    skip: 'Jetzt nicht',
    cancelled: 'Der Passkey wurde nicht verwendet. Versuchen Sie es erneut oder wählen Sie eine andere Methode.',
    unsupported: 'Dieser Browser kann hier keine Passkeys verwenden.',
  },
  trustDevice: {
    title: (days) => h.p(days, { one: 'Diesem Gerät # Tag lang vertrauen?', other: 'Diesem Gerät # Tage lang vertrauen?' }),
    hint: 'Bis dahin werden Sie in diesem Browser nicht nach einem zweiten Faktor gefragt. Vertrauen Sie keinem gemeinsam genutzten oder öffentlichen Computer.',
    yes: 'Diesem Gerät vertrauen',
    no: 'Jetzt nicht',
    checking: 'Dieses Gerät wird geprüft …',
  },
  settings: {
    devicesTitle: 'Vertrauenswürdige Geräte',
    devicesIntro: 'In diesen Browsern melden Sie sich ohne Ihren zweiten Faktor an.',
    deviceUsed: (trusted, used) => `Vertraut seit ${trusted}, zuletzt verwendet am ${used}`,
    deviceNotUsed: (trusted) => `Vertraut seit ${trusted}, noch nicht verwendet`,
    revokeDevice: 'Nicht mehr vertrauen',
    revokeAllDevices: 'Keinem Gerät mehr vertrauen',
    devicesChanged: 'Dieses Gerät fragt wieder nach Ihrem zweiten Faktor.',
    devicesDropped: 'Die Geräte, denen Sie vertraut haben, fragen wieder nach Ihrem zweiten Faktor.',
    passkeysTitle: 'Passkeys',
    passkeysIntro: 'Melden Sie sich mit Fingerabdruck, Gesicht oder Displaysperre an statt mit einem Code.',
    passkeyUsed: (created, used) => `Erstellt am ${created}, zuletzt verwendet am ${used}`,
    passkeyNotUsed: (created) => `Erstellt am ${created}, noch nicht verwendet`,
    passkeyName: 'Name des Passkeys',
    renamePasskey: 'Umbenennen',
    removePasskey: 'Entfernen',
    createPasskey: 'Passkey erstellen',
    passkeyFailed: 'Es wurde kein Passkey erstellt. Versuchen Sie es erneut oder verwenden Sie eine andere Methode.',
    passkeysChanged: 'Ihre Passkeys sind aktualisiert.',
  },
});

export default de;
