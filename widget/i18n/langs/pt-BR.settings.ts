import type { SettingsCatalog } from '../settings.js';

const ptBR: SettingsCatalog = (h) => ({
  title: 'Seus métodos de acesso',
  notSignedIn: 'Entre para gerenciar seus métodos de acesso.',
  isSet: 'Definida',
  totpEnrolled: 'Configurado',
  totpNotEnrolled: 'Não configurado',
  addAnotherTotp: 'Adicionar outro app autenticador',
  totpName: 'Nome deste app',
  rename: 'Renomear',
  remove: 'Remover',
  removeTotpTitle: (name) => `Remover “${name}”?`,
  removeTotpWarning: (name) => `Os códigos de “${name}” deixarão de funcionar na hora. Seus outros apps autenticadores continuam funcionando.`,
  addTotp: 'Configurar app autenticador',
  noPhone: 'Nenhum número de telefone',
  smsDisabled: 'O SMS está desativado para esta conta.',
  changePhone: 'Alterar número de telefone',
  addPhone: 'Adicionar número de telefone',
  changePhoneTitle: 'Altere seu número de telefone',
  addPhoneTitle: 'Adicione um número de telefone',
  newPhoneIntro: 'Digite o número de celular a usar daqui em diante. Vamos enviar um código para o novo número.',
  noEmail: 'Nenhum e-mail',
  codesLeft: (n) => h.p(n, { one: 'Resta # código', other: 'Restam # códigos' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Nenhum código restante: use “Criar novos códigos de backup”.'
      : h.p(n, {
          one: 'Resta só # código: use “Criar novos códigos de backup”.',
          other: 'Restam só # códigos: use “Criar novos códigos de backup”.',
        }),
  newCodes: 'Criar novos códigos de backup',
  newCodesWarning: 'Os novos códigos substituem todos os atuais: os antigos param de funcionar na hora.',
  cancel: 'Cancelar',
  totpChanged: 'Seu app autenticador foi adicionado. Os apps configurados antes continuam funcionando.',
  totpUpdated: 'Seus apps autenticadores foram atualizados.',
  phoneChanged: 'Seu número de telefone foi alterado.',
  codesChanged: 'Seus novos códigos de backup estão prontos. Os antigos não funcionam mais.',
  reauthenticate: 'Para sua segurança, entre de novo para alterar como você entra.',
  signInAgain: 'Entrar de novo',
  stepUpTitle: 'Confirme que é você',
  stepUpIntro: 'Para alterar como você entra, confirme antes com seu segundo fator.',
  stepUpUnavailable: 'Não foi possível carregar a confirmação. Verifique sua conexão e tente de novo.',
});

export default ptBR;
