import type { PasskeyCatalog } from '../passkey-book.js';

const ms: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Log masuk dengan kunci laluan',
    hint: 'Gunakan kunci laluan yang disimpan pada peranti ini, telefon anda atau kunci keselamatan anda.',
    use: 'Gunakan kunci laluan',
    offerTitle: 'Log masuk lebih cepat pada kali seterusnya?',
    offerHint: 'Cipta kunci laluan: pada kali seterusnya anda log masuk dengan cap jari, wajah atau kunci skrin, tanpa menaip apa-apa.',
    create: 'Cipta kunci laluan',
    skip: 'Bukan sekarang',
    cancelled: 'Kunci laluan tidak digunakan. Cuba lagi atau gunakan kaedah lain.',
    unsupported: 'Penyemak imbas ini tidak dapat menggunakan kunci laluan di sini.',
  },
  trustDevice: {
    title: (days) => `Percayai peranti ini selama ${h.n(days)} hari?`,
    hint: 'Sehingga itu, anda tidak akan diminta faktor kedua dalam penyemak imbas ini. Jangan percayai komputer kongsi atau awam.',
    yes: 'Percayai peranti ini',
    no: 'Bukan sekarang',
    checking: 'Menyemak peranti ini…',
  },
  settings: {
    devicesTitle: 'Peranti dipercayai',
    devicesIntro: 'Dalam penyemak imbas ini anda log masuk tanpa faktor kedua.',
    deviceUsed: (trusted, used) => `Dipercayai sejak ${trusted}, kali terakhir digunakan ${used}`,
    deviceNotUsed: (trusted) => `Dipercayai sejak ${trusted}, belum digunakan`,
    revokeDevice: 'Berhenti mempercayai',
    revokeAllDevices: 'Berhenti mempercayai semua peranti',
    devicesChanged: 'Peranti itu akan meminta faktor kedua anda semula.',
    devicesDropped: 'Peranti yang anda percayai akan meminta faktor kedua anda semula.',
    passkeysTitle: 'Kunci laluan',
    passkeysIntro: 'Log masuk dengan cap jari, wajah atau kunci skrin dan bukannya kod.',
    passkeyUsed: (created, used) => `Dicipta ${created}, kali terakhir digunakan ${used}`,
    passkeyNotUsed: (created) => `Dicipta ${created}, belum digunakan`,
    passkeyName: 'Nama kunci laluan',
    renamePasskey: 'Namakan semula',
    removePasskey: 'Alih keluar',
    createPasskey: 'Cipta kunci laluan',
    passkeyFailed: 'Tiada kunci laluan dicipta. Cuba lagi atau gunakan kaedah lain.',
    passkeysChanged: 'Kunci laluan anda telah dikemas kini.',
  },
});

export default ms;
