import type { PasskeyCatalog } from '../passkey-book.js';

const hu: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Bejelentkezés azonosítókulccsal',
    hint: 'Használja az ezen az eszközön, a telefonján vagy a biztonsági kulcsán tárolt azonosítókulcsot.',
    use: 'Azonosítókulcs használata',
    offerTitle: 'Legközelebb gyorsabban jelentkezne be?',
    offerHint: 'Hozzon létre azonosítókulcsot: legközelebb az ujjlenyomata, az arca vagy a képernyőzár jelentkezteti be, gépelés nélkül.',
    create: 'Azonosítókulcs létrehozása',
    skip: 'Most nem',
    cancelled: 'Az azonosítókulcs nem lett használva. Próbálja újra, vagy válasszon másik módszert.',
    unsupported: 'Ez a böngésző itt nem tud azonosítókulcsot használni.',
  },
  trustDevice: {
    title: (days) => `Megbízik ebben az eszközben ${h.n(days)} napig?`,
    hint: 'Addig ebben a böngészőben nem kérünk második tényezőt. Ne bízzon meg közös vagy nyilvános számítógépben.',
    yes: 'Megbízom ebben az eszközben',
    no: 'Most nem',
    checking: 'Az eszköz ellenőrzése…',
  },
  settings: {
    devicesTitle: 'Megbízható eszközök',
    devicesIntro: 'Ezekben a böngészőkben a második tényező nélkül jelentkezik be.',
    deviceUsed: (trusted, used) => `Megbízható ekkortól: ${trusted}, utoljára használva: ${used}`,
    deviceNotUsed: (trusted) => `Megbízható ekkortól: ${trusted}, még nem használt`,
    revokeDevice: 'Bizalom visszavonása',
    revokeAllDevices: 'Bizalom visszavonása minden eszköztől',
    devicesChanged: 'Az az eszköz ismét kérni fogja a második tényezőt.',
    devicesDropped: 'Az eszközök, amelyekben megbízott, ismét kérni fogják a második tényezőt.',
    passkeysTitle: 'Azonosítókulcsok',
    passkeysIntro: 'Jelentkezzen be ujjlenyomattal, arcával vagy a képernyőzárral kód helyett.',
    passkeyUsed: (created, used) => `Létrehozva: ${created}, utoljára használva: ${used}`,
    passkeyNotUsed: (created) => `Létrehozva: ${created}, még nem használt`,
    passkeyName: 'Az azonosítókulcs neve',
    renamePasskey: 'Átnevezés',
    removePasskey: 'Eltávolítás',
    createPasskey: 'Azonosítókulcs létrehozása',
    passkeyFailed: 'Nem jött létre azonosítókulcs. Próbálja újra, vagy válasszon másik módszert.',
    passkeysChanged: 'Az azonosítókulcsai frissültek.',
  },
});

export default hu;
