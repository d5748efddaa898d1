import type { PasskeyCatalog } from '../passkey-book.js';

const vi: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Đăng nhập bằng khóa truy cập',
    hint: 'Dùng khóa truy cập được lưu trên thiết bị này, điện thoại hoặc khóa bảo mật của bạn.',
    use: 'Dùng khóa truy cập',
    offerTitle: 'Lần sau đăng nhập nhanh hơn?',
    offerHint: 'Tạo khóa truy cập: lần sau bạn đăng nhập bằng vân tay, khuôn mặt hoặc khóa màn hình mà không cần nhập gì.',
    create: 'Tạo khóa truy cập',
    skip: 'Để sau',
    cancelled: 'Khóa truy cập chưa được dùng. Hãy thử lại hoặc dùng cách khác.',
    unsupported: 'Trình duyệt này không thể dùng khóa truy cập ở đây.',
  },
  trustDevice: {
    title: (days) => `Tin cậy thiết bị này trong ${h.n(days)} ngày?`,
    hint: 'Cho đến lúc đó, trình duyệt này sẽ không yêu cầu yếu tố thứ hai. Đừng tin cậy máy tính dùng chung hoặc công cộng.',
    yes: 'Tin cậy thiết bị này',
    no: 'Để sau',
    checking: 'Đang kiểm tra thiết bị này…',
  },
  settings: {
    devicesTitle: 'Thiết bị tin cậy',
    devicesIntro: 'Trên các trình duyệt này, bạn đăng nhập mà không cần yếu tố thứ hai.',
    deviceUsed: (trusted, used) => `Tin cậy từ ${trusted}, dùng lần cuối ${used}`,
    deviceNotUsed: (trusted) => `Tin cậy từ ${trusted}, chưa dùng lần nào`,
    revokeDevice: 'Ngừng tin cậy',
    revokeAllDevices: 'Ngừng tin cậy mọi thiết bị',
    devicesChanged: 'Thiết bị đó sẽ lại yêu cầu yếu tố thứ hai.',
    devicesDropped: 'Các thiết bị bạn đã tin cậy sẽ lại yêu cầu yếu tố thứ hai.',
    passkeysTitle: 'Khóa truy cập',
    passkeysIntro: 'Đăng nhập bằng vân tay, khuôn mặt hoặc khóa màn hình thay cho mã.',
    passkeyUsed: (created, used) => `Tạo ngày ${created}, dùng lần cuối ${used}`,
    passkeyNotUsed: (created) => `Tạo ngày ${created}, chưa dùng lần nào`,
    passkeyName: 'Tên khóa truy cập',
    renamePasskey: 'Đổi tên',
    removePasskey: 'Gỡ bỏ',
    createPasskey: 'Tạo khóa truy cập',
    passkeyFailed: 'Chưa tạo được khóa truy cập. Hãy thử lại hoặc dùng cách khác.',
    passkeysChanged: 'Đã cập nhật khóa truy cập của bạn.',
  },
});

export default vi;
