import type { PasskeyCatalog } from '../passkey-book.js';

const ptBR: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Entrar com uma chave de acesso',
    hint: 'Use a chave de acesso salva neste dispositivo, no seu celular ou na sua chave de segurança.',
    use: 'Usar uma chave de acesso',
    offerTitle: 'Entrar mais rápido da próxima vez?',
    offerHint: 'Crie uma chave de acesso: da próxima vez, sua digital, seu rosto ou o bloqueio de tela farão você entrar, sem digitar nada.',
    create: 'Criar uma chave de acesso',
    skip: 'Agora não',
    cancelled: 'A chave de acesso não foi usada. Tente de novo ou use outro método.',
    unsupported: 'Este navegador não pode usar chaves de acesso aqui.',
  },
  trustDevice: {
    title: (days) => h.p(days, { one: 'Confiar neste dispositivo por # dia?', other: 'Confiar neste dispositivo por # dias?' }),
    hint: 'Até lá, você não precisará de um segundo fator neste navegador. Não confie em um computador compartilhado ou público.',
    yes: 'Confiar neste dispositivo',
    no: 'Agora não',
    checking: 'Verificando este dispositivo…',
  },
  settings: {
    devicesTitle: 'Dispositivos confiáveis',
    devicesIntro: 'Nestes navegadores você entra sem o segundo fator.',
    deviceUsed: (trusted, used) => `Confiável desde ${trusted}, último uso em ${used}`,
    deviceNotUsed: (trusted) => `Confiável desde ${trusted}, ainda não usado`,
    revokeDevice: 'Deixar de confiar',
    revokeAllDevices: 'Deixar de confiar em todos os dispositivos',
    devicesChanged: 'Esse dispositivo vai pedir seu segundo fator de novo.',
    devicesDropped: 'Os dispositivos em que você confiava vão pedir seu segundo fator de novo.',
    passkeysTitle: 'Chaves de acesso',
    passkeysIntro: 'Entre com sua digital, seu rosto ou o bloqueio de tela em vez de um código.',
    passkeyUsed: (created, used) => `Criada em ${created}, último uso em ${used}`,
    passkeyNotUsed: (created) => `Criada em ${created}, ainda não usada`,
    passkeyName: 'Nome da chave de acesso',
    renamePasskey: 'Renomear',
    removePasskey: 'Remover',
    createPasskey: 'Criar uma chave de acesso',
    passkeyFailed: 'Nenhuma chave de acesso foi criada. Tente de novo ou use outro método.',
    passkeysChanged: 'Suas chaves de acesso foram atualizadas.',
  },
});

export default ptBR;
