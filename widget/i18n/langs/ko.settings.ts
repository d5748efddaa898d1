import type { SettingsCatalog } from '../settings.js';

const ko: SettingsCatalog = (h) => ({
  title: '로그인 방법',
  notSignedIn: '로그인 방법을 관리하려면 로그인하세요.',
  isSet: '설정됨',
  totpEnrolled: '설정됨',
  totpNotEnrolled: '설정 안 됨',
  replaceTotp: '새 인증 앱 설정',
  addTotp: '인증 앱 설정',
  noPhone: '전화번호 없음',
  smsDisabled: '이 계정은 문자 메시지가 꺼져 있습니다.',
  changePhone: '전화번호 변경',
  addPhone: '전화번호 추가',
  changePhoneTitle: '전화번호 변경',
  addPhoneTitle: '전화번호 추가',
  newPhoneIntro: '앞으로 사용할 휴대폰 번호를 입력하세요. 새 번호로 코드를 보냅니다.',
  noEmail: '이메일 주소 없음',
  codesLeft: (n) => h.p(n, { other: '코드 #개 남음' }),
  fewCodesLeft: (n) =>
    n === 0 ? '남은 코드 없음: ‘새 백업 코드 만들기’를 사용하세요.' : h.p(n, { other: '코드가 #개만 남음: ‘새 백업 코드 만들기’를 사용하세요.' }),
  newCodes: '새 백업 코드 만들기',
  newCodesWarning: '새 코드를 만들면 현재 백업 코드가 모두 바뀌고, 이전 코드는 즉시 사용할 수 없게 됩니다.',
  cancel: '취소',
  totpChanged: '인증 앱이 설정되었습니다. 이전에 설정한 앱의 코드는 더 이상 사용할 수 없습니다.',
  phoneChanged: '전화번호가 변경되었습니다.',
  codesChanged: '새 백업 코드가 준비되었습니다. 이전 코드는 더 이상 사용할 수 없습니다.',
  reauthenticate: '보안을 위해 로그인 방법을 변경하려면 다시 로그인하세요.',
  signInAgain: '다시 로그인',
  stepUpTitle: '본인 확인',
  stepUpIntro: '로그인 방법을 변경하려면 먼저 두 번째 인증 수단으로 확인하세요.',
  stepUpUnavailable: '확인 단계를 불러오지 못했습니다. 연결을 확인하고 다시 시도하세요.',
});

export default ko;
