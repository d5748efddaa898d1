import type { PasskeyCatalog } from '../passkey-book.js';

const sv: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Logga in med en nyckel',
    hint: 'Använd nyckeln som är sparad på den här enheten, din telefon eller din säkerhetsnyckel.',
    use: 'Använd en nyckel',
    offerTitle: 'Logga in snabbare nästa gång?',
    offerHint: 'Skapa en nyckel: nästa gång loggar ditt fingeravtryck, ditt ansikte eller ditt skärmlås in dig, utan att du skriver något.',
    create: 'Skapa en nyckel',
    skip: 'Inte nu',
    cancelled: 'Nyckeln användes inte. Försök igen eller använd en annan metod.',
    unsupported: 'Den här webbläsaren kan inte använda nycklar här.',
  },
  trustDevice: {
    title: (days) => h.p(days, { one: 'Lita på den här enheten i # dag?', other: 'Lita på den här enheten i # dagar?' }),
    hint: 'Till dess blir du inte ombedd att ange en andra faktor i den här webbläsaren. Lita inte på en delad eller offentlig dator.',
    yes: 'Lita på den här enheten',
    no: 'Inte nu',
    checking: 'Kontrollerar den här enheten…',
  },
  settings: {
    devicesTitle: 'Betrodda enheter',
    devicesIntro: 'I de här webbläsarna loggar du in utan din andra faktor.',
    deviceUsed: (trusted, used) => `Betrodd ${trusted}, senast använd ${used}`,
    deviceNotUsed: (trusted) => `Betrodd ${trusted}, inte använd än`,
    revokeDevice: 'Sluta lita på',
    revokeAllDevices: 'Sluta lita på alla enheter',
    devicesChanged: 'Den enheten frågar efter din andra faktor igen.',
    devicesDropped: 'Enheterna du litade på frågar efter din andra faktor igen.',
    passkeysTitle: 'Nycklar',
    passkeysIntro: 'Logga in med ditt fingeravtryck, ditt ansikte eller ditt skärmlås i stället för med en kod.',
    passkeyUsed: (created, used) => `Skapad ${created}, senast använd ${used}`,
    passkeyNotUsed: (created) => `Skapad ${created}, inte använd än`,
    passkeyName: 'Nyckelns namn',
    renamePasskey: 'Byt namn',
    removePasskey: 'Ta bort',
    createPasskey: 'Skapa en nyckel',
    passkeyFailed: 'Ingen nyckel skapades. Försök igen eller använd en annan metod.',
    passkeysChanged: 'Dina nycklar är uppdaterade.',
  },
});

export default sv;
