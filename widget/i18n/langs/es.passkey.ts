import type { PasskeyCatalog } from '../passkey-book.js';

const es: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Iniciar sesión con una llave de acceso',
    hint: 'Usa la llave de acceso guardada en este dispositivo, en tu teléfono o en tu llave de seguridad.',
    use: 'Usar una llave de acceso',
    offerTitle: '¿Quieres iniciar sesión más rápido la próxima vez?',
    offerHint: 'Crea una llave de acceso: la próxima vez entrarás con tu huella, tu cara o el bloqueo de pantalla, sin escribir nada.',
    create: 'Crear una llave de acceso',
    skip: 'Ahora no',
    cancelled: 'No se usó la llave de acceso. Inténtalo de nuevo o usa otro método.',
    unsupported: 'Este navegador no puede usar llaves de acceso aquí.',
  },
  trustDevice: {
    title: (days) => h.p(days, { one: '¿Confiar en este dispositivo durante # día?', other: '¿Confiar en este dispositivo durante # días?' }),
    hint: 'Hasta entonces no se te pedirá un segundo factor en este navegador. No confíes en un ordenador compartido o público.',
    yes: 'Confiar en este dispositivo',
    no: 'Ahora no',
    checking: 'Comprobando este dispositivo…',
  },
  settings: {
    devicesTitle: 'Dispositivos de confianza',
    devicesIntro: 'En estos navegadores inicias sesión sin tu segundo factor.',
    deviceUsed: (trusted, used) => `De confianza desde el ${trusted}, último uso el ${used}`,
    deviceNotUsed: (trusted) => `De confianza desde el ${trusted}, aún sin usar`,
    revokeDevice: 'Dejar de confiar',
    revokeAllDevices: 'Dejar de confiar en todos los dispositivos',
    devicesChanged: 'Ese dispositivo volverá a pedirte el segundo factor.',
    devicesDropped: 'Los dispositivos en los que confiabas volverán a pedirte el segundo factor.',
    passkeysTitle: 'Llaves de acceso',
    passkeysIntro: 'Inicia sesión con tu huella, tu cara o el bloqueo de pantalla en lugar de un código.',
    passkeyUsed: (created, used) => `Creada el ${created}, último uso el ${used}`,
    passkeyNotUsed: (created) => `Creada el ${created}, aún sin usar`,
    passkeyName: 'Nombre de la llave de acceso',
    renamePasskey: 'Cambiar nombre',
    removePasskey: 'Quitar',
    createPasskey: 'Crear una llave de acceso',
    passkeyFailed: 'No se creó ninguna llave de acceso. Inténtalo de nuevo o usa otro método.',
    passkeysChanged: 'Tus llaves de acceso se han actualizado.',
  },
});

export default es;
