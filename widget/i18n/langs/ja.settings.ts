import type { SettingsCatalog } from '../settings.js';

const ja: SettingsCatalog = (h) => ({
  title: 'サインイン方法',
  notSignedIn: 'サインイン方法を管理するにはサインインしてください。',
  isSet: '設定済み',
  totpEnrolled: '設定済み',
  totpNotEnrolled: '未設定',
  addAnotherTotp: '別の認証アプリを追加',
  totpName: 'このアプリの名前',
  rename: '名前を変更',
  remove: '削除',
  removeTotpTitle: (name) => `「${name}」を削除しますか？`,
  removeTotpWarning: (name) => `「${name}」のコードはすぐに使えなくなります。ほかの認証アプリは引き続き使えます。`,
  addTotp: '認証アプリを設定',
  noPhone: '電話番号なし',
  smsDisabled: 'このアカウントでは SMS が無効になっています。',
  changePhone: '電話番号を変更',
  addPhone: '電話番号を追加',
  changePhoneTitle: '電話番号を変更',
  addPhoneTitle: '電話番号を追加',
  newPhoneIntro: '今後使う携帯電話番号を入力してください。新しい番号にコードを送信します。',
  noEmail: 'メールアドレスなし',
  codesLeft: (n) => h.p(n, { other: '残り # 個' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'コードが残っていません：「新しいバックアップコードを作成」を使ってください。'
      : h.p(n, { other: '残り # 個のみ：「新しいバックアップコードを作成」を使ってください。' }),
  newCodes: '新しいバックアップコードを作成',
  newCodesWarning: '新しいコードを作成すると、現在のバックアップコードはすべて置き換えられ、すぐに使えなくなります。',
  cancel: 'キャンセル',
  totpChanged: '認証アプリを追加しました。以前に設定したアプリも引き続き使えます。',
  totpUpdated: '認証アプリを更新しました。',
  phoneChanged: '電話番号を変更しました。',
  codesChanged: '新しいバックアップコードの準備ができました。古いコードは使えなくなりました。',
  reauthenticate: 'セキュリティのため、サインイン方法を変更するにはもう一度サインインしてください。',
  signInAgain: 'もう一度サインイン',
  stepUpTitle: 'ご本人確認',
  stepUpIntro: 'サインイン方法を変更するには、まず 2 つ目の要素で確認してください。',
  stepUpUnavailable: '確認画面を読み込めませんでした。接続を確認して、もう一度お試しください。',
});

export default ja;
