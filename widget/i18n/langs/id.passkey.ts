import type { PasskeyCatalog } from '../passkey-book.js';

const id: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Masuk dengan kunci sandi',
    hint: 'Gunakan kunci sandi yang tersimpan di perangkat ini, ponsel Anda, atau kunci keamanan Anda.',
    use: 'Gunakan kunci sandi',
    offerTitle: 'Masuk lebih cepat lain kali?',
    offerHint: 'Buat kunci sandi: lain kali Anda masuk dengan sidik jari, wajah, atau kunci layar, tanpa mengetik apa pun.',
    create: 'Buat kunci sandi',
    skip: 'Nanti saja',
    cancelled: 'Kunci sandi tidak digunakan. Coba lagi atau gunakan metode lain.',
    unsupported: 'Browser ini tidak dapat menggunakan kunci sandi di sini.',
  },
  trustDevice: {
    title: (days) => `Percayai perangkat ini selama ${h.n(days)} hari?`,
    hint: 'Sampai saat itu, Anda tidak akan diminta faktor kedua di browser ini. Jangan percayai komputer bersama atau umum.',
    yes: 'Percayai perangkat ini',
    no: 'Nanti saja',
    checking: 'Memeriksa perangkat ini…',
  },
  settings: {
    devicesTitle: 'Perangkat tepercaya',
    devicesIntro: 'Di browser ini Anda masuk tanpa faktor kedua.',
    deviceUsed: (trusted, used) => `Dipercaya sejak ${trusted}, terakhir digunakan ${used}`,
    deviceNotUsed: (trusted) => `Dipercaya sejak ${trusted}, belum digunakan`,
    revokeDevice: 'Berhenti memercayai',
    revokeAllDevices: 'Berhenti memercayai semua perangkat',
    devicesChanged: 'Perangkat itu akan meminta faktor kedua Anda lagi.',
    devicesDropped: 'Perangkat yang Anda percayai akan meminta faktor kedua Anda lagi.',
    passkeysTitle: 'Kunci sandi',
    passkeysIntro: 'Masuk dengan sidik jari, wajah, atau kunci layar, bukan dengan kode.',
    passkeyUsed: (created, used) => `Dibuat ${created}, terakhir digunakan ${used}`,
    passkeyNotUsed: (created) => `Dibuat ${created}, belum digunakan`,
    passkeyName: 'Nama kunci sandi',
    renamePasskey: 'Ganti nama',
    removePasskey: 'Hapus',
    createPasskey: 'Buat kunci sandi',
    passkeyFailed: 'Tidak ada kunci sandi yang dibuat. Coba lagi atau gunakan metode lain.',
    passkeysChanged: 'Kunci sandi Anda sudah diperbarui.',
  },
});

export default id;
