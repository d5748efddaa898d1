import type { SettingsCatalog } from '../settings.js';

const fr: SettingsCatalog = (h) => ({
  title: 'Vos méthodes de connexion',
  notSignedIn: 'Connectez-vous pour gérer vos méthodes de connexion.',
  isSet: 'Défini',
  totpEnrolled: 'Configurée',
  totpNotEnrolled: 'Non configurée',
  addAnotherTotp: 'Ajouter une autre application d’authentification',
  totpName: 'Nom de cette application',
  rename: 'Renommer',
  remove: 'Supprimer',
  removeTotpTitle: (name) => `Supprimer «\u00a0${name}\u00a0»\u202f?`,
  removeTotpWarning: (name) =>
    `Les codes de «\u00a0${name}\u00a0» cesseront de fonctionner immédiatement. Vos autres applications d’authentification continuent de fonctionner.`,
  addTotp: 'Configurer l’application',
  noPhone: 'Aucun numéro de téléphone',
  smsDisabled: 'Les SMS sont désactivés pour ce compte.',
  changePhone: 'Changer de numéro',
  addPhone: 'Ajouter un numéro',
  changePhoneTitle: 'Changer votre numéro de téléphone',
  addPhoneTitle: 'Ajouter un numéro de téléphone',
  newPhoneIntro: 'Saisissez le numéro de mobile à utiliser désormais. Nous enverrons un code par SMS au nouveau numéro.',
  noEmail: 'Aucune adresse e-mail',
  codesLeft: (n) => h.p(n, { one: '# code restant', other: '# codes restants' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Aucun code restant\u00a0: utilisez «\u00a0Créer de nouveaux codes de secours\u00a0».'
      : h.p(n, {
          one: 'Plus que # code\u00a0: utilisez «\u00a0Créer de nouveaux codes de secours\u00a0».',
          other: 'Plus que # codes\u00a0: utilisez «\u00a0Créer de nouveaux codes de secours\u00a0».',
        }),
  newCodes: 'Créer de nouveaux codes de secours',
  newCodesWarning: 'Les nouveaux codes remplacent tous vos codes de secours actuels\u00a0: les anciens cessent aussitôt de fonctionner.',
  cancel: 'Annuler',
  totpChanged: 'Votre application d’authentification est ajoutée. Les applications configurées auparavant continuent de fonctionner.',
  totpUpdated: 'Vos applications d’authentification sont à jour.',
  phoneChanged: 'Votre numéro de téléphone a été modifié.',
  codesChanged: 'Vos nouveaux codes de secours sont prêts. Les anciens ne fonctionnent plus.',
  reauthenticate: 'Pour votre sécurité, reconnectez-vous pour modifier votre façon de vous connecter.',
  signInAgain: 'Se reconnecter',
  stepUpTitle: 'Confirmez votre identité',
  stepUpIntro: 'Pour modifier votre façon de vous connecter, confirmez d’abord avec votre second facteur.',
  stepUpUnavailable: 'La confirmation n’a pas pu être chargée. Vérifiez votre connexion et réessayez.',
});

export default fr;
