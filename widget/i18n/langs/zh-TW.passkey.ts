import type { PasskeyCatalog } from '../passkey-book.js';

const zhTW: PasskeyCatalog = (h) => ({
  passkey: {
    title: '使用通行金鑰登入',
    hint: '使用儲存在這部裝置、你的手機或安全金鑰上的通行金鑰。',
    use: '使用通行金鑰',
    offerTitle: '下次更快登入？',
    offerHint: '建立通行金鑰：下次用指紋、臉孔或螢幕鎖定即可登入，不必輸入任何內容。',
    create: '建立通行金鑰',
    skip: '以後再說',
    cancelled: '未使用通行金鑰。請再試一次或改用其他方式。',
    unsupported: '這個瀏覽器無法在這裡使用通行金鑰。',
  },
  trustDevice: {
    title: (days) => `要信任這部裝置 ${h.n(days)} 天嗎？`,
    hint: '在此之前，這個瀏覽器不會再要求第二重驗證。請勿信任共用或公用電腦。',
    yes: '信任這部裝置',
    no: '以後再說',
    checking: '正在檢查這部裝置…',
  },
  settings: {
    devicesTitle: '受信任的裝置',
    devicesIntro: '在這些瀏覽器上登入不需第二重驗證。',
    deviceUsed: (trusted, used) => `自 ${trusted} 起受信任，上次使用：${used}`,
    deviceNotUsed: (trusted) => `自 ${trusted} 起受信任，尚未使用`,
    revokeDevice: '取消信任',
    revokeAllDevices: '取消信任所有裝置',
    devicesChanged: '該裝置將再次要求第二重驗證。',
    devicesDropped: '你曾信任的裝置將再次要求第二重驗證。',
    passkeysTitle: '通行金鑰',
    passkeysIntro: '用指紋、臉孔或螢幕鎖定取代驗證碼登入。',
    passkeyUsed: (created, used) => `建立於 ${created}，上次使用：${used}`,
    passkeyNotUsed: (created) => `建立於 ${created}，尚未使用`,
    passkeyName: '通行金鑰名稱',
    renamePasskey: '重新命名',
    removePasskey: '移除',
    createPasskey: '建立通行金鑰',
    passkeyFailed: '未建立通行金鑰。請再試一次或改用其他方式。',
    passkeysChanged: '你的通行金鑰已更新。',
  },
});

export default zhTW;
