import type { PasskeyCatalog } from '../passkey-book.js';

const ko: PasskeyCatalog = (h) => ({
  passkey: {
    title: '패스키로 로그인',
    hint: '이 기기, 휴대전화 또는 보안 키에 저장된 패스키를 사용하세요.',
    use: '패스키 사용',
    offerTitle: '다음에는 더 빠르게 로그인할까요?',
    offerHint: '패스키를 만들면 다음부터는 아무것도 입력하지 않고 지문, 얼굴 또는 화면 잠금으로 로그인할 수 있습니다.',
    create: '패스키 만들기',
    skip: '나중에',
    cancelled: '패스키가 사용되지 않았습니다. 다시 시도하거나 다른 방법을 사용하세요.',
    unsupported: '이 브라우저에서는 여기서 패스키를 사용할 수 없습니다.',
  },
  trustDevice: {
    title: (days) => `이 기기를 ${h.n(days)}일 동안 신뢰할까요?`,
    hint: '그때까지 이 브라우저에서는 두 번째 인증 수단을 요청하지 않습니다. 공용 컴퓨터나 다른 사람과 함께 쓰는 컴퓨터는 신뢰하지 마세요.',
    yes: '이 기기 신뢰',
    no: '나중에',
    checking: '이 기기를 확인하는 중…',
  },
  settings: {
    devicesTitle: '신뢰할 수 있는 기기',
    devicesIntro: '이 브라우저에서는 두 번째 인증 수단 없이 로그인합니다.',
    deviceUsed: (trusted, used) => `${trusted}부터 신뢰함, 마지막 사용 ${used}`,
    deviceNotUsed: (trusted) => `${trusted}부터 신뢰함, 아직 사용하지 않음`,
    revokeDevice: '신뢰 해제',
    revokeAllDevices: '모든 기기 신뢰 해제',
    devicesChanged: '그 기기는 다시 두 번째 인증 수단을 요청합니다.',
    devicesDropped: '신뢰했던 기기는 다시 두 번째 인증 수단을 요청합니다.',
    passkeysTitle: '패스키',
    passkeysIntro: '코드 대신 지문, 얼굴 또는 화면 잠금으로 로그인하세요.',
    passkeyUsed: (created, used) => `${created}에 만듦, 마지막 사용 ${used}`,
    passkeyNotUsed: (created) => `${created}에 만듦, 아직 사용하지 않음`,
    passkeyName: '패스키 이름',
    renamePasskey: '이름 바꾸기',
    removePasskey: '삭제',
    createPasskey: '패스키 만들기',
    passkeyFailed: '패스키를 만들지 못했습니다. 다시 시도하거나 다른 방법을 사용하세요.',
    passkeysChanged: '패스키가 업데이트되었습니다.',
  },
});

export default ko;
