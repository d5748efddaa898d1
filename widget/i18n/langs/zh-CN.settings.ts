import type { SettingsCatalog } from '../settings.js';

const zhCN: SettingsCatalog = (h) => ({
  title: '你的登录方式',
  notSignedIn: '登录后即可管理你的登录方式。',
  isSet: '已设置',
  totpEnrolled: '已设置',
  totpNotEnrolled: '未设置',
  replaceTotp: '设置新的身份验证器应用',
  addTotp: '设置身份验证器应用',
  noPhone: '无手机号码',
  smsDisabled: '此账号已停用短信。',
  changePhone: '更换手机号码',
  addPhone: '添加手机号码',
  changePhoneTitle: '更换手机号码',
  addPhoneTitle: '添加手机号码',
  newPhoneIntro: '输入今后要使用的手机号码。我们会向新号码发送验证码。',
  noEmail: '无邮箱地址',
  codesLeft: (n) => h.p(n, { other: '剩余 # 个' }),
  fewCodesLeft: (n) => (n === 0 ? '备用码已用完：请使用“生成新的备用码”。' : h.p(n, { other: '仅剩 # 个：请使用“生成新的备用码”。' })),
  newCodes: '生成新的备用码',
  newCodesWarning: '新的备用码将替换你当前所有的备用码：旧的会立即失效。',
  cancel: '取消',
  totpChanged: '身份验证器应用已设置。之前设置的应用生成的验证码已失效。',
  phoneChanged: '你的手机号码已更换。',
  codesChanged: '新的备用码已生成。旧的备用码已失效。',
  reauthenticate: '为保障你的安全，请重新登录后再更改登录方式。',
  signInAgain: '重新登录',
  stepUpTitle: '确认是你本人',
  stepUpIntro: '更改登录方式前，请先用第二重验证确认。',
  stepUpUnavailable: '无法加载确认步骤。请检查网络连接后重试。',
});

export default zhCN;
