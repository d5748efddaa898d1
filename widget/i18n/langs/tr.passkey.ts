import type { PasskeyCatalog } from '../passkey-book.js';

const tr: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'Geçiş anahtarıyla giriş yapın',
    hint: 'Bu cihazda, telefonunuzda veya güvenlik anahtarınızda kayıtlı geçiş anahtarını kullanın.',
    use: 'Geçiş anahtarı kullan',
    offerTitle: 'Bir dahaki sefere daha hızlı giriş yapılsın mı?',
    offerHint:
      'Bir geçiş anahtarı oluşturun: bir dahaki sefere parmak iziniz, yüzünüz veya ekran kilidiniz ile hiçbir şey yazmadan giriş yaparsınız.',
    create: 'Geçiş anahtarı oluştur',
    skip: 'Şimdi değil',
    cancelled: 'Geçiş anahtarı kullanılmadı. Tekrar deneyin veya başka bir yöntem kullanın.',
    unsupported: 'Bu tarayıcı burada geçiş anahtarı kullanamıyor.',
  },
  trustDevice: {
    title: (days) => `Bu cihaza ${h.n(days)} gün boyunca güvenilsin mi?`,
    hint: 'O zamana kadar bu tarayıcıda sizden ikinci faktör istenmez. Paylaşılan veya herkese açık bir bilgisayara güvenmeyin.',
    yes: 'Bu cihaza güven',
    no: 'Şimdi değil',
    checking: 'Bu cihaz kontrol ediliyor…',
  },
  settings: {
    devicesTitle: 'Güvenilen cihazlar',
    devicesIntro: 'Bu tarayıcılarda ikinci faktörünüz olmadan giriş yaparsınız.',
    deviceUsed: (trusted, used) => `Güvenilme tarihi: ${trusted}, son kullanım: ${used}`,
    deviceNotUsed: (trusted) => `Güvenilme tarihi: ${trusted}, henüz kullanılmadı`,
    revokeDevice: 'Güvenmeyi bırak',
    revokeAllDevices: 'Hiçbir cihaza güvenme',
    devicesChanged: 'O cihaz yeniden ikinci faktörünüzü isteyecek.',
    devicesDropped: 'Güvendiğiniz cihazlar yeniden ikinci faktörünüzü isteyecek.',
    passkeysTitle: 'Geçiş anahtarları',
    passkeysIntro: 'Kod yerine parmak iziniz, yüzünüz veya ekran kilidinizle giriş yapın.',
    passkeyUsed: (created, used) => `Oluşturulma: ${created}, son kullanım: ${used}`,
    passkeyNotUsed: (created) => `Oluşturulma: ${created}, henüz kullanılmadı`,
    passkeyName: 'Geçiş anahtarının adı',
    renamePasskey: 'Yeniden adlandır',
    removePasskey: 'Kaldır',
    createPasskey: 'Geçiş anahtarı oluştur',
    passkeyFailed: 'Geçiş anahtarı oluşturulmadı. Tekrar deneyin veya başka bir yöntem kullanın.',
    passkeysChanged: 'Geçiş anahtarlarınız güncellendi.',
  },
});

export default tr;
