import type { SettingsCatalog } from '../settings.js';

const es: SettingsCatalog = (h) => ({
  title: 'Tus métodos de inicio de sesión',
  notSignedIn: 'Inicia sesión para gestionar tus métodos de inicio de sesión.',
  isSet: 'Configurada',
  totpEnrolled: 'Configurada',
  totpNotEnrolled: 'Sin configurar',
  addAnotherTotp: 'Añadir otra app de autenticación',
  totpName: 'Nombre de esta app',
  rename: 'Cambiar nombre',
  remove: 'Quitar',
  removeTotpTitle: (name) => `¿Quitar «${name}»?`,
  removeTotpWarning: (name) => `Los códigos de «${name}» dejarán de funcionar al instante. Tus otras apps de autenticación siguen funcionando.`,
  addTotp: 'Configurar app de autenticación',
  noPhone: 'Sin número de teléfono',
  smsDisabled: 'Los SMS están desactivados para esta cuenta.',
  changePhone: 'Cambiar número de teléfono',
  addPhone: 'Añadir número de teléfono',
  changePhoneTitle: 'Cambia tu número de teléfono',
  addPhoneTitle: 'Añade un número de teléfono',
  newPhoneIntro: 'Introduce el número de móvil que usarás a partir de ahora. Enviaremos un código al nuevo número.',
  noEmail: 'Sin correo electrónico',
  codesLeft: (n) => h.p(n, { one: 'Queda # código', other: 'Quedan # códigos' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'No quedan códigos: usa «Crear códigos de respaldo nuevos».'
      : h.p(n, {
          one: 'Solo queda # código: usa «Crear códigos de respaldo nuevos».',
          other: 'Solo quedan # códigos: usa «Crear códigos de respaldo nuevos».',
        }),
  newCodes: 'Crear códigos de respaldo nuevos',
  newCodesWarning: 'Los códigos nuevos sustituyen a todos los actuales: los antiguos dejan de funcionar al instante.',
  cancel: 'Cancelar',
  totpChanged: 'Tu app de autenticación está añadida. Las apps que configuraste antes siguen funcionando.',
  totpUpdated: 'Tus apps de autenticación están actualizadas.',
  phoneChanged: 'Se ha cambiado tu número de teléfono.',
  codesChanged: 'Tus nuevos códigos de respaldo están listos. Los antiguos ya no funcionan.',
  reauthenticate: 'Por tu seguridad, vuelve a iniciar sesión para cambiar cómo inicias sesión.',
  signInAgain: 'Volver a iniciar sesión',
  stepUpTitle: 'Confirma que eres tú',
  stepUpIntro: 'Para cambiar cómo inicias sesión, confirma primero con tu segundo factor.',
  stepUpUnavailable: 'No se pudo cargar la confirmación. Comprueba tu conexión y vuelve a intentarlo.',
});

export default es;
