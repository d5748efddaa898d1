import type { PasskeyCatalog } from '../passkey-book.js';

const cs: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Přihlásit se přístupovým klíčem',
    hint: 'Použijte přístupový klíč uložený v tomto zařízení, v telefonu nebo v bezpečnostním klíči.',
    use: 'Použít přístupový klíč',
    offerTitle: 'Přihlašovat se příště rychleji?',
    offerHint: 'Vytvořte si přístupový klíč: příště vás přihlásí otisk prstu, obličej nebo zámek obrazovky, aniž byste cokoli psali.',
    create: 'Vytvořit přístupový klíč',
    skip: 'Teď ne',
    cancelled: 'Přístupový klíč nebyl použit. Zkuste to znovu nebo použijte jinou metodu.',
    unsupported: 'Tento prohlížeč zde nemůže používat přístupové klíče.',
  },
  trustDevice: {
    title: (days) =>
      h.p(days, {
        one: 'Důvěřovat tomuto zařízení # den?',
        few: 'Důvěřovat tomuto zařízení # dny?',
        many: 'Důvěřovat tomuto zařízení # dne?',
        other: 'Důvěřovat tomuto zařízení # dní?',
      }),
    hint: 'Do té doby se vás tento prohlížeč nebude ptát na druhý faktor. Nedůvěřujte sdílenému ani veřejnému počítači.',
    yes: 'Důvěřovat tomuto zařízení',
    no: 'Teď ne',
    checking: 'Ověřování tohoto zařízení…',
  },
  settings: {
    devicesTitle: 'Důvěryhodná zařízení',
    devicesIntro: 'V těchto prohlížečích se přihlašujete bez druhého faktoru.',
    deviceUsed: (trusted, used) => `Důvěryhodné od ${trusted}, naposledy použito ${used}`,
    deviceNotUsed: (trusted) => `Důvěryhodné od ${trusted}, zatím nepoužito`,
    revokeDevice: 'Přestat důvěřovat',
    revokeAllDevices: 'Přestat důvěřovat všem zařízením',
    devicesChanged: 'Toto zařízení bude znovu vyžadovat druhý faktor.',
    devicesDropped: 'Zařízení, kterým jste důvěřovali, budou znovu vyžadovat druhý faktor.',
    passkeysTitle: 'Přístupové klíče',
    passkeysIntro: 'Přihlašujte se otiskem prstu, obličejem nebo zámkem obrazovky místo kódu.',
    passkeyUsed: (created, used) => `Vytvořen ${created}, naposledy použit ${used}`,
    passkeyNotUsed: (created) => `Vytvořen ${created}, zatím nepoužit`,
    passkeyName: 'Název přístupového klíče',
    renamePasskey: 'Přejmenovat',
    removePasskey: 'Odebrat',
    createPasskey: 'Vytvořit přístupový klíč',
    passkeyFailed: 'Žádný přístupový klíč nebyl vytvořen. Zkuste to znovu nebo použijte jinou metodu.',
    passkeysChanged: 'Vaše přístupové klíče jsou aktualizovány.',
  },
});

export default cs;
