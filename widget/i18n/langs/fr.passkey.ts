import type { PasskeyCatalog } from '../passkey-book.js';

const fr: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Se connecter avec une clé d’accès',
    hint: 'Utilisez la clé d’accès enregistrée sur cet appareil, votre téléphone ou votre clé de sécurité.',
    use: 'Utiliser une clé d’accès',
    offerTitle: 'Vous connecter plus vite la prochaine fois\u202f?',
    offerHint:
      'Créez une clé d’accès\u00a0: la prochaine fois, votre empreinte, votre visage ou le verrouillage de l’écran vous connectera, sans rien saisir.',
    create: 'Créer une clé d’accès',
    skip: 'Pas maintenant',
    cancelled: 'La clé d’accès n’a pas été utilisée. Réessayez ou choisissez une autre méthode.',
    unsupported: 'Ce navigateur ne peut pas utiliser de clé d’accès ici.',
  },
  trustDevice: {
    title: (days) =>
      h.p(days, { one: 'Faire confiance à cet appareil pendant # jour\u202f?', other: 'Faire confiance à cet appareil pendant # jours\u202f?' }),
    hint: 'D’ici là, aucun second facteur ne vous sera demandé dans ce navigateur. Ne faites pas confiance à un ordinateur partagé ou public.',
    yes: 'Faire confiance à cet appareil',
    no: 'Pas maintenant',
    checking: 'Vérification de cet appareil…',
  },
  settings: {
    devicesTitle: 'Appareils de confiance',
    devicesIntro: 'Dans ces navigateurs, vous vous connectez sans votre second facteur.',
    deviceUsed: (trusted, used) => `Approuvé le ${trusted}, dernière utilisation le ${used}`,
    deviceNotUsed: (trusted) => `Approuvé le ${trusted}, pas encore utilisé`,
    revokeDevice: 'Ne plus faire confiance',
    revokeAllDevices: 'Ne plus faire confiance à aucun appareil',
    devicesChanged: 'Cet appareil vous demandera de nouveau votre second facteur.',
    devicesDropped: 'Les appareils auxquels vous faisiez confiance vous demanderont de nouveau votre second facteur.',
    passkeysTitle: 'Clés d’accès',
    passkeysIntro: 'Connectez-vous avec votre empreinte, votre visage ou le verrouillage de l’écran au lieu d’un code.',
    passkeyUsed: (created, used) => `Créée le ${created}, dernière utilisation le ${used}`,
    passkeyNotUsed: (created) => `Créée le ${created}, pas encore utilisée`,
    passkeyName: 'Nom de la clé d’accès',
    renamePasskey: 'Renommer',
    removePasskey: 'Supprimer',
    createPasskey: 'Créer une clé d’accès',
    passkeyFailed: 'Aucune clé d’accès n’a été créée. Réessayez ou choisissez une autre méthode.',
    passkeysChanged: 'Vos clés d’accès sont à jour.',
  },
});

export default fr;
