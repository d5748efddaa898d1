import type { PasskeyCatalog } from '../passkey-book.js';

const nb: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Logg på med en tilgangsnøkkel',
    hint: 'Bruk tilgangsnøkkelen som er lagret på denne enheten, telefonen din eller sikkerhetsnøkkelen din.',
    use: 'Bruk en tilgangsnøkkel',
    offerTitle: 'Logge på raskere neste gang?',
    offerHint: 'Lag en tilgangsnøkkel: Neste gang logger fingeravtrykket, ansiktet eller skjermlåsen deg på, uten at du må skrive noe.',
    create: 'Lag en tilgangsnøkkel',
    skip: 'Ikke nå',
    cancelled: 'Tilgangsnøkkelen ble ikke brukt. Prøv igjen, eller bruk en annen metode.',
    unsupported: 'Denne nettleseren kan ikke bruke tilgangsnøkler her.',
  },
  trustDevice: {
    title: (days) => h.p(days, { one: 'Vil du stole på denne enheten i # dag?', other: 'Vil du stole på denne enheten i # dager?' }),
    hint: 'Frem til da blir du ikke spurt om en andre faktor i denne nettleseren. Ikke stol på en delt eller offentlig datamaskin.',
    yes: 'Stol på denne enheten',
    no: 'Ikke nå',
    checking: 'Kontrollerer denne enheten …',
  },
  settings: {
    devicesTitle: 'Klarerte enheter',
    devicesIntro: 'I disse nettleserne logger du på uten den andre faktoren.',
    deviceUsed: (trusted, used) => `Klarert ${trusted}, sist brukt ${used}`,
    deviceNotUsed: (trusted) => `Klarert ${trusted}, ikke brukt ennå`,
    revokeDevice: 'Slutt å stole på',
    revokeAllDevices: 'Slutt å stole på alle enheter',
    devicesChanged: 'Den enheten ber om den andre faktoren igjen.',
    devicesDropped: 'Enhetene du klarerte, ber om den andre faktoren igjen.',
    passkeysTitle: 'Tilgangsnøkler',
    passkeysIntro: 'Logg på med fingeravtrykk, ansikt eller skjermlås i stedet for en kode.',
    passkeyUsed: (created, used) => `Laget ${created}, sist brukt ${used}`,
    passkeyNotUsed: (created) => `Laget ${created}, ikke brukt ennå`,
    passkeyName: 'Navn på tilgangsnøkkelen',
    renamePasskey: 'Gi nytt navn',
    removePasskey: 'Fjern',
    createPasskey: 'Lag en tilgangsnøkkel',
    passkeyFailed: 'Ingen tilgangsnøkkel ble laget. Prøv igjen, eller bruk en annen metode.',
    passkeysChanged: 'Tilgangsnøklene dine er oppdatert.',
  },
});

export default nb;
