import type { PasskeyCatalog } from '../passkey-book.js';

const ja: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'パスキーでサインイン',
    hint: 'このデバイス、スマートフォン、またはセキュリティキーに保存されているパスキーを使用してください。',
    use: 'パスキーを使用',
    offerTitle: '次回はもっと速くサインインしませんか？',
    offerHint: 'パスキーを作成すると、次回からは指紋、顔、または画面ロックで、何も入力せずにサインインできます。',
    create: 'パスキーを作成',
    skip: '後で',
    cancelled: 'パスキーは使用されませんでした。もう一度お試しいただくか、別の方法を使用してください。',
    unsupported: 'このブラウザでは、ここでパスキーを使用できません。',
  },
  trustDevice: {
    title: (days) => `このデバイスを ${h.n(days)} 日間信頼しますか？`,
    hint: 'それまでの間、このブラウザでは 2 つ目の要素を求められません。共有のコンピュータや公共のコンピュータは信頼しないでください。',
    yes: 'このデバイスを信頼する',
    no: '後で',
    checking: 'このデバイスを確認しています…',
  },
  settings: {
    devicesTitle: '信頼できるデバイス',
    devicesIntro: 'これらのブラウザでは、2 つ目の要素なしでサインインできます。',
    deviceUsed: (trusted, used) => `${trusted} から信頼、最終使用 ${used}`,
    deviceNotUsed: (trusted) => `${trusted} から信頼、未使用`,
    revokeDevice: '信頼を解除',
    revokeAllDevices: 'すべてのデバイスの信頼を解除',
    devicesChanged: 'そのデバイスでは再び 2 つ目の要素が求められます。',
    devicesDropped: '信頼していたデバイスでは再び 2 つ目の要素が求められます。',
    passkeysTitle: 'パスキー',
    passkeysIntro: 'コードの代わりに、指紋、顔、または画面ロックでサインインできます。',
    passkeyUsed: (created, used) => `${created} に作成、最終使用 ${used}`,
    passkeyNotUsed: (created) => `${created} に作成、未使用`,
    passkeyName: 'パスキーの名前',
    renamePasskey: '名前を変更',
    removePasskey: '削除',
    createPasskey: 'パスキーを作成',
    passkeyFailed: 'パスキーは作成されませんでした。もう一度お試しいただくか、別の方法を使用してください。',
    passkeysChanged: 'パスキーを更新しました。',
  },
});

export default ja;
