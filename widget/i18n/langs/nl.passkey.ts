import type { PasskeyCatalog } from '../passkey-book.js';

const nl: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Inloggen met een toegangssleutel',
    hint: 'Gebruik de toegangssleutel op dit apparaat, je telefoon of je beveiligingssleutel.',
    use: 'Toegangssleutel gebruiken',
    offerTitle: 'Volgende keer sneller inloggen?',
    offerHint: 'Maak een toegangssleutel: volgende keer log je in met je vingerafdruk, gezicht of schermvergrendeling, zonder iets te typen.',
    create: 'Toegangssleutel maken',
    skip: 'Niet nu',
    cancelled: 'De toegangssleutel is niet gebruikt. Probeer het opnieuw of kies een andere methode.',
    unsupported: 'Deze browser kan hier geen toegangssleutels gebruiken.',
  },
  trustDevice: {
    title: (days) => h.p(days, { one: 'Dit apparaat # dag vertrouwen?', other: 'Dit apparaat # dagen vertrouwen?' }),
    hint: 'Tot die tijd wordt in deze browser niet om een tweede factor gevraagd. Vertrouw geen gedeelde of openbare computer.',
    yes: 'Dit apparaat vertrouwen',
    no: 'Niet nu',
    checking: 'Dit apparaat controleren…',
  },
  settings: {
    devicesTitle: 'Vertrouwde apparaten',
    devicesIntro: 'In deze browsers log je in zonder je tweede factor.',
    deviceUsed: (trusted, used) => `Vertrouwd sinds ${trusted}, laatst gebruikt op ${used}`,
    deviceNotUsed: (trusted) => `Vertrouwd sinds ${trusted}, nog niet gebruikt`,
    revokeDevice: 'Niet meer vertrouwen',
    revokeAllDevices: 'Geen enkel apparaat meer vertrouwen',
    devicesChanged: 'Dat apparaat vraagt weer om je tweede factor.',
    devicesDropped: 'De apparaten die je vertrouwde, vragen weer om je tweede factor.',
    passkeysTitle: 'Toegangssleutels',
    passkeysIntro: 'Log in met je vingerafdruk, gezicht of schermvergrendeling in plaats van een code.',
    passkeyUsed: (created, used) => `Gemaakt op ${created}, laatst gebruikt op ${used}`,
    passkeyNotUsed: (created) => `Gemaakt op ${created}, nog niet gebruikt`,
    passkeyName: 'Naam van de toegangssleutel',
    renamePasskey: 'Naam wijzigen',
    removePasskey: 'Verwijderen',
    createPasskey: 'Toegangssleutel maken',
    passkeyFailed: 'Er is geen toegangssleutel gemaakt. Probeer het opnieuw of kies een andere methode.',
    passkeysChanged: 'Je toegangssleutels zijn bijgewerkt.',
  },
});

export default nl;
