import type { PasskeyCatalog } from '../passkey-book.js';

const zhCN: PasskeyCatalog = (h) => ({
  passkey: {
    title: '使用通行密钥登录',
    hint: '使用保存在此设备、你的手机或安全密钥上的通行密钥。',
    use: '使用通行密钥',
    offerTitle: '下次登录更快一些？',
    offerHint: '创建通行密钥：下次用指纹、面容或屏幕锁即可登录，无需输入任何内容。',
    create: '创建通行密钥',
    skip: '以后再说',
    cancelled: '未使用通行密钥。请重试或换用其他方式。',
    unsupported: '此浏览器无法在这里使用通行密钥。',
  },
  trustDevice: {
    title: (days) => `信任此设备 ${h.n(days)} 天？`,
    hint: '在此期间，此浏览器不会再要求第二重验证。请勿信任共用或公共电脑。',
    yes: '信任此设备',
    no: '以后再说',
    checking: '正在检查此设备…',
  },
  settings: {
    devicesTitle: '受信任的设备',
    devicesIntro: '在这些浏览器上登录无需第二重验证。',
    deviceUsed: (trusted, used) => `自 ${trusted} 起受信任，上次使用：${used}`,
    deviceNotUsed: (trusted) => `自 ${trusted} 起受信任，尚未使用`,
    revokeDevice: '取消信任',
    revokeAllDevices: '取消信任所有设备',
    devicesChanged: '该设备将再次要求第二重验证。',
    devicesDropped: '你曾信任的设备将再次要求第二重验证。',
    passkeysTitle: '通行密钥',
    passkeysIntro: '用指纹、面容或屏幕锁代替验证码登录。',
    passkeyUsed: (created, used) => `创建于 ${created}，上次使用：${used}`,
    passkeyNotUsed: (created) => `创建于 ${created}，尚未使用`,
    passkeyName: '通行密钥名称',
    renamePasskey: '重命名',
    removePasskey: '移除',
    createPasskey: '创建通行密钥',
    passkeyFailed: '未创建通行密钥。请重试或换用其他方式。',
    passkeysChanged: '你的通行密钥已更新。',
  },
});

export default zhCN;
