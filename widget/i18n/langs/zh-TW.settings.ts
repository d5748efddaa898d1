import type { SettingsCatalog } from '../settings.js';

const zhTW: SettingsCatalog = (h) => ({
  title: '你的登入方式',
  notSignedIn: '登入後即可管理你的登入方式。',
  isSet: '已設定',
  totpEnrolled: '已設定',
  totpNotEnrolled: '未設定',
  replaceTotp: '設定新的驗證器應用程式',
  addTotp: '設定驗證器應用程式',
  noPhone: '沒有手機號碼',
  smsDisabled: '此帳戶已停用簡訊。',
  changePhone: '變更手機號碼',
  addPhone: '新增手機號碼',
  changePhoneTitle: '變更手機號碼',
  addPhoneTitle: '新增手機號碼',
  newPhoneIntro: '輸入今後要使用的手機號碼。我們會傳送驗證碼到新號碼。',
  noEmail: '沒有電子郵件地址',
  codesLeft: (n) => h.p(n, { other: '剩下 # 組' }),
  fewCodesLeft: (n) => (n === 0 ? '備用碼已用完：請使用「產生新的備用碼」。' : h.p(n, { other: '只剩 # 組：請使用「產生新的備用碼」。' })),
  newCodes: '產生新的備用碼',
  newCodesWarning: '新的備用碼會取代你目前所有的備用碼：舊的會立即失效。',
  cancel: '取消',
  totpChanged: '驗證器應用程式已設定完成。先前設定的應用程式產生的驗證碼已失效。',
  phoneChanged: '你的手機號碼已變更。',
  codesChanged: '新的備用碼已準備好。舊的備用碼已失效。',
  reauthenticate: '為了你的安全，請重新登入後再變更登入方式。',
  signInAgain: '重新登入',
  stepUpTitle: '確認是你本人',
  stepUpIntro: '變更登入方式前，請先以第二重驗證確認。',
  stepUpUnavailable: '無法載入確認步驟。請檢查網路連線後再試一次。',
});

export default zhTW;
