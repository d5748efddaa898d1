import type { SettingsCatalog } from '../settings.js';

const id: SettingsCatalog = (h) => ({
  title: 'Metode masuk Anda',
  notSignedIn: 'Masuk untuk mengelola metode masuk Anda.',
  isSet: 'Sudah diatur',
  totpEnrolled: 'Sudah disiapkan',
  totpNotEnrolled: 'Belum disiapkan',
  replaceTotp: 'Siapkan aplikasi autentikator baru',
  addTotp: 'Siapkan aplikasi autentikator',
  noPhone: 'Tidak ada nomor telepon',
  smsDisabled: 'SMS dinonaktifkan untuk akun ini.',
  changePhone: 'Ubah nomor telepon',
  addPhone: 'Tambahkan nomor telepon',
  changePhoneTitle: 'Ubah nomor telepon Anda',
  addPhoneTitle: 'Tambahkan nomor telepon',
  newPhoneIntro: 'Masukkan nomor ponsel yang akan digunakan mulai sekarang. Kami akan mengirim kode ke nomor baru.',
  noEmail: 'Tidak ada alamat email',
  codesLeft: (n) => h.p(n, { other: '# kode tersisa' }),
  fewCodesLeft: (n) =>
    n === 0 ? 'Kode habis: gunakan “Buat kode cadangan baru”.' : h.p(n, { other: 'Hanya # kode tersisa: gunakan “Buat kode cadangan baru”.' }),
  newCodes: 'Buat kode cadangan baru',
  newCodesWarning: 'Kode baru menggantikan semua kode cadangan Anda saat ini: kode lama langsung tidak berlaku.',
  cancel: 'Batal',
  totpChanged: 'Aplikasi autentikator Anda sudah siap. Kode dari aplikasi yang disiapkan sebelumnya tidak berlaku lagi.',
  phoneChanged: 'Nomor telepon Anda sudah diubah.',
  codesChanged: 'Kode cadangan baru Anda sudah siap. Kode lama tidak berlaku lagi.',
  reauthenticate: 'Demi keamanan Anda, masuk lagi untuk mengubah cara Anda masuk.',
  signInAgain: 'Masuk lagi',
  stepUpTitle: 'Pastikan ini Anda',
  stepUpIntro: 'Untuk mengubah cara Anda masuk, konfirmasikan dulu dengan faktor kedua Anda.',
  stepUpUnavailable: 'Konfirmasi tidak dapat dimuat. Periksa koneksi Anda dan coba lagi.',
});

export default id;
