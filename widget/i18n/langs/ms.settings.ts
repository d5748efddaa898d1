import type { SettingsCatalog } from '../settings.js';

const ms: SettingsCatalog = (h) => ({
  title: 'Kaedah log masuk anda',
  notSignedIn: 'Log masuk untuk mengurus kaedah log masuk anda.',
  isSet: 'Ditetapkan',
  totpEnrolled: 'Disediakan',
  totpNotEnrolled: 'Belum disediakan',
  replaceTotp: 'Sediakan aplikasi pengesah baharu',
  addTotp: 'Sediakan aplikasi pengesah',
  noPhone: 'Tiada nombor telefon',
  smsDisabled: 'SMS dimatikan untuk akaun ini.',
  changePhone: 'Tukar nombor telefon',
  addPhone: 'Tambah nombor telefon',
  changePhoneTitle: 'Tukar nombor telefon anda',
  addPhoneTitle: 'Tambah nombor telefon',
  newPhoneIntro: 'Masukkan nombor telefon bimbit yang akan digunakan mulai sekarang. Kami akan menghantar kod ke nombor baharu.',
  noEmail: 'Tiada alamat e-mel',
  codesLeft: (n) => h.p(n, { other: 'Tinggal # kod' }),
  fewCodesLeft: (n) =>
    n === 0 ? 'Tiada kod lagi: guna “Buat kod sandaran baharu”.' : h.p(n, { other: 'Hanya tinggal # kod: guna “Buat kod sandaran baharu”.' }),
  newCodes: 'Buat kod sandaran baharu',
  newCodesWarning: 'Kod baharu menggantikan semua kod sandaran semasa anda: kod lama serta-merta tidak berfungsi.',
  cancel: 'Batal',
  totpChanged: 'Aplikasi pengesah anda telah disediakan. Kod daripada aplikasi yang disediakan sebelum ini tidak berfungsi lagi.',
  phoneChanged: 'Nombor telefon anda telah ditukar.',
  codesChanged: 'Kod sandaran baharu anda sudah sedia. Kod lama tidak berfungsi lagi.',
  reauthenticate: 'Demi keselamatan anda, log masuk semula untuk menukar cara anda log masuk.',
  signInAgain: 'Log masuk semula',
  stepUpTitle: 'Sahkan bahawa ini anda',
  stepUpIntro: 'Untuk menukar cara anda log masuk, sahkan dahulu dengan faktor kedua anda.',
  stepUpUnavailable: 'Pengesahan tidak dapat dimuatkan. Semak sambungan anda dan cuba lagi.',
});

export default ms;
