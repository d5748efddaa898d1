import type { PasskeyCatalog } from '../passkey-book.js';

const it: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Accedi con una passkey',
    hint: 'Usa la passkey salvata su questo dispositivo, sul telefono o sulla chiave di sicurezza.',
    use: 'Usa una passkey',
    offerTitle: 'Vuoi accedere più velocemente la prossima volta?',
    offerHint: 'Crea una passkey: la prossima volta accederai con l’impronta, il volto o il blocco schermo, senza digitare nulla.',
    create: 'Crea una passkey',
    skip: 'Non ora',
    cancelled: 'La passkey non è stata usata. Riprova o usa un altro metodo.',
    unsupported: 'Questo browser non può usare le passkey qui.',
  },
  trustDevice: {
    title: (days) =>
      h.p(days, {
        one: 'Considerare attendibile questo dispositivo per # giorno?',
        other: 'Considerare attendibile questo dispositivo per # giorni?',
      }),
    hint: 'Fino ad allora non ti verrà chiesto un secondo fattore su questo browser. Non farlo su un computer condiviso o pubblico.',
    yes: 'Considera attendibile',
    no: 'Non ora',
    checking: 'Verifica di questo dispositivo…',
  },
  settings: {
    devicesTitle: 'Dispositivi attendibili',
    devicesIntro: 'Su questi browser accedi senza il secondo fattore.',
    deviceUsed: (trusted, used) => `Attendibile dal ${trusted}, ultimo utilizzo il ${used}`,
    deviceNotUsed: (trusted) => `Attendibile dal ${trusted}, non ancora usato`,
    revokeDevice: 'Non considerare più attendibile',
    revokeAllDevices: 'Non considerare più attendibile alcun dispositivo',
    devicesChanged: 'Quel dispositivo ti chiederà di nuovo il secondo fattore.',
    devicesDropped: 'I dispositivi di cui ti fidavi ti chiederanno di nuovo il secondo fattore.',
    passkeysTitle: 'Passkey',
    passkeysIntro: 'Accedi con l’impronta, il volto o il blocco schermo invece che con un codice.',
    passkeyUsed: (created, used) => `Creata il ${created}, ultimo utilizzo il ${used}`,
    passkeyNotUsed: (created) => `Creata il ${created}, non ancora usata`,
    passkeyName: 'Nome della passkey',
    renamePasskey: 'Rinomina',
    removePasskey: 'Rimuovi',
    createPasskey: 'Crea una passkey',
    passkeyFailed: 'Nessuna passkey è stata creata. Riprova o usa un altro metodo.',
    passkeysChanged: 'Le tue passkey sono aggiornate.',
  },
});

export default it;
