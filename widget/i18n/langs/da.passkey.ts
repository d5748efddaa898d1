import type { PasskeyCatalog } from '../passkey-book.js';

const da: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Log ind med en adgangsnøgle',
    hint: 'Brug adgangsnøglen, der er gemt på denne enhed, din telefon eller din sikkerhedsnøgle.',
    use: 'Brug en adgangsnøgle',
    offerTitle: 'Log hurtigere ind næste gang?',
    offerHint: 'Opret en adgangsnøgle: Næste gang logger dit fingeraftryk, dit ansigt eller din skærmlås dig ind, uden at du skal skrive noget.',
    create: 'Opret en adgangsnøgle',
    skip: 'Ikke nu',
    cancelled: 'Adgangsnøglen blev ikke brugt. Prøv igen, eller brug en anden metode.',
    unsupported: 'Denne browser kan ikke bruge adgangsnøgler her.',
  },
  trustDevice: {
    title: (days) => h.p(days, { one: 'Vil du have tillid til denne enhed i # dag?', other: 'Vil du have tillid til denne enhed i # dage?' }),
    hint: 'Indtil da bliver du ikke bedt om en anden faktor i denne browser. Hav ikke tillid til en delt eller offentlig computer.',
    yes: 'Hav tillid til denne enhed',
    no: 'Ikke nu',
    checking: 'Kontrollerer denne enhed…',
  },
  settings: {
    devicesTitle: 'Enheder, du har tillid til',
    devicesIntro: 'I disse browsere logger du ind uden din anden faktor.',
    deviceUsed: (trusted, used) => `Betroet ${trusted}, sidst brugt ${used}`,
    deviceNotUsed: (trusted) => `Betroet ${trusted}, ikke brugt endnu`,
    revokeDevice: 'Fjern tillid',
    revokeAllDevices: 'Fjern tillid til alle enheder',
    devicesChanged: 'Den enhed beder om din anden faktor igen.',
    devicesDropped: 'De enheder, du havde tillid til, beder om din anden faktor igen.',
    passkeysTitle: 'Adgangsnøgler',
    passkeysIntro: 'Log ind med dit fingeraftryk, dit ansigt eller din skærmlås i stedet for en kode.',
    passkeyUsed: (created, used) => `Oprettet ${created}, sidst brugt ${used}`,
    passkeyNotUsed: (created) => `Oprettet ${created}, ikke brugt endnu`,
    passkeyName: 'Adgangsnøglens navn',
    renamePasskey: 'Omdøb',
    removePasskey: 'Fjern',
    createPasskey: 'Opret en adgangsnøgle',
    passkeyFailed: 'Der blev ikke oprettet nogen adgangsnøgle. Prøv igen, eller brug en anden metode.',
    passkeysChanged: 'Dine adgangsnøgler er opdateret.',
  },
});

export default da;
