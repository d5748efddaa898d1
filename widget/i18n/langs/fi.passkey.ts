import type { PasskeyCatalog } from '../passkey-book.js';

const fi: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Kirjaudu pääsyavaimella',
    hint: 'Käytä pääsyavainta, joka on tallennettu tälle laitteelle, puhelimeesi tai suojausavaimeesi.',
    use: 'Käytä pääsyavainta',
    offerTitle: 'Kirjaudutaanko ensi kerralla nopeammin?',
    offerHint: 'Luo pääsyavain: ensi kerralla kirjaudut sormenjäljellä, kasvoilla tai näytön lukituksella kirjoittamatta mitään.',
    create: 'Luo pääsyavain',
    skip: 'Ei nyt',
    cancelled: 'Pääsyavainta ei käytetty. Yritä uudelleen tai käytä toista tapaa.',
    unsupported: 'Tämä selain ei voi käyttää pääsyavaimia tässä.',
  },
  trustDevice: {
    title: (days) => `Luotetaanko tähän laitteeseen ${h.n(days)} päivän ajan?`,
    hint: 'Siihen asti tässä selaimessa ei kysytä toista tunnistautumistapaa. Älä luota jaettuun tai julkiseen tietokoneeseen.',
    yes: 'Luota tähän laitteeseen',
    no: 'Ei nyt',
    checking: 'Tarkistetaan tätä laitetta…',
  },
  settings: {
    devicesTitle: 'Luotetut laitteet',
    devicesIntro: 'Näissä selaimissa kirjaudut ilman toista tunnistautumistapaa.',
    deviceUsed: (trusted, used) => `Luotettu ${trusted}, käytetty viimeksi ${used}`,
    deviceNotUsed: (trusted) => `Luotettu ${trusted}, ei vielä käytetty`,
    revokeDevice: 'Lopeta luottaminen',
    revokeAllDevices: 'Lopeta luottaminen kaikkiin laitteisiin',
    devicesChanged: 'Se laite kysyy taas toista tunnistautumistapaa.',
    devicesDropped: 'Laitteet, joihin luotit, kysyvät taas toista tunnistautumistapaa.',
    passkeysTitle: 'Pääsyavaimet',
    passkeysIntro: 'Kirjaudu sormenjäljellä, kasvoilla tai näytön lukituksella koodin sijaan.',
    passkeyUsed: (created, used) => `Luotu ${created}, käytetty viimeksi ${used}`,
    passkeyNotUsed: (created) => `Luotu ${created}, ei vielä käytetty`,
    passkeyName: 'Pääsyavaimen nimi',
    renamePasskey: 'Nimeä uudelleen',
    removePasskey: 'Poista',
    createPasskey: 'Luo pääsyavain',
    passkeyFailed: 'Pääsyavainta ei luotu. Yritä uudelleen tai käytä toista tapaa.',
    passkeysChanged: 'Pääsyavaimesi on päivitetty.',
  },
});

export default fi;
