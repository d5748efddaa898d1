import type { SettingsCatalog } from '../settings.js';

const vi: SettingsCatalog = (h) => ({
  title: 'Cách đăng nhập của bạn',
  notSignedIn: 'Hãy đăng nhập để quản lý cách đăng nhập.',
  isSet: 'Đã đặt',
  totpEnrolled: 'Đã thiết lập',
  totpNotEnrolled: 'Chưa thiết lập',
  replaceTotp: 'Thiết lập ứng dụng xác thực mới',
  addTotp: 'Thiết lập ứng dụng xác thực',
  noPhone: 'Chưa có số điện thoại',
  smsDisabled: 'SMS đã bị tắt cho tài khoản này.',
  changePhone: 'Đổi số điện thoại',
  addPhone: 'Thêm số điện thoại',
  changePhoneTitle: 'Đổi số điện thoại',
  addPhoneTitle: 'Thêm số điện thoại',
  newPhoneIntro: 'Nhập số di động bạn sẽ dùng từ nay. Chúng tôi sẽ gửi mã đến số mới.',
  noEmail: 'Chưa có địa chỉ email',
  codesLeft: (n) => h.p(n, { other: 'Còn # mã' }),
  fewCodesLeft: (n) => (n === 0 ? 'Đã hết mã: hãy dùng “Tạo mã dự phòng mới”.' : h.p(n, { other: 'Chỉ còn # mã: hãy dùng “Tạo mã dự phòng mới”.' })),
  newCodes: 'Tạo mã dự phòng mới',
  newCodesWarning: 'Mã mới sẽ thay thế toàn bộ mã dự phòng hiện tại: mã cũ ngừng hoạt động ngay.',
  cancel: 'Hủy',
  totpChanged: 'Ứng dụng xác thực đã được thiết lập. Mã từ ứng dụng thiết lập trước đây không còn dùng được.',
  phoneChanged: 'Số điện thoại của bạn đã được thay đổi.',
  codesChanged: 'Mã dự phòng mới đã sẵn sàng. Mã cũ không còn dùng được.',
  reauthenticate: 'Để bảo mật, hãy đăng nhập lại để thay đổi cách đăng nhập.',
  signInAgain: 'Đăng nhập lại',
  stepUpTitle: 'Xác nhận đó là bạn',
  stepUpIntro: 'Để thay đổi cách đăng nhập, trước tiên hãy xác nhận bằng yếu tố thứ hai.',
  stepUpUnavailable: 'Không tải được bước xác nhận. Hãy kiểm tra kết nối rồi thử lại.',
});

export default vi;
