import type { SettingsCatalog } from '../settings.js';

const tr: SettingsCatalog = (h) => ({
  title: 'Giriş yöntemleriniz',
  notSignedIn: 'Giriş yöntemlerinizi yönetmek için giriş yapın.',
  isSet: 'Ayarlandı',
  totpEnrolled: 'Kuruldu',
  totpNotEnrolled: 'Kurulmadı',
  addAnotherTotp: 'Başka bir kimlik doğrulama uygulaması ekle',
  totpName: 'Bu uygulamanın adı',
  rename: 'Yeniden adlandır',
  remove: 'Kaldır',
  removeTotpTitle: (name) => `“${name}” kaldırılsın mı?`,
  removeTotpWarning: (name) => `“${name}” kodları hemen çalışmaz hale gelir. Diğer kimlik doğrulama uygulamalarınız çalışmaya devam eder.`,
  addTotp: 'Uygulamayı kur',
  noPhone: 'Telefon numarası yok',
  smsDisabled: 'Bu hesap için SMS kapalı.',
  changePhone: 'Telefon numarasını değiştir',
  addPhone: 'Telefon numarası ekle',
  changePhoneTitle: 'Telefon numaranızı değiştirin',
  addPhoneTitle: 'Telefon numarası ekleyin',
  newPhoneIntro: 'Bundan sonra kullanacağınız cep telefonu numarasını girin. Yeni numaraya bir kod göndereceğiz.',
  noEmail: 'E-posta adresi yok',
  codesLeft: (n) => h.p(n, { other: '# kod kaldı' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Hiç kod kalmadı: “Yeni yedek kodlar oluştur”u kullanın.'
      : h.p(n, { other: 'Yalnızca # kod kaldı: “Yeni yedek kodlar oluştur”u kullanın.' }),
  newCodes: 'Yeni yedek kodlar oluştur',
  newCodesWarning: 'Yeni kodlar mevcut tüm yedek kodlarınızın yerini alır: eskileri hemen çalışmaz hâle gelir.',
  cancel: 'İptal',
  totpChanged: 'Kimlik doğrulama uygulamanız eklendi. Önceden kurulan uygulamalar çalışmaya devam eder.',
  totpUpdated: 'Kimlik doğrulama uygulamalarınız güncellendi.',
  phoneChanged: 'Telefon numaranız değiştirildi.',
  codesChanged: 'Yeni yedek kodlarınız hazır. Eskileri artık çalışmaz.',
  reauthenticate: 'Güvenliğiniz için, giriş yönteminizi değiştirmek üzere yeniden giriş yapın.',
  signInAgain: 'Yeniden giriş yap',
  stepUpTitle: 'Siz olduğunuzu doğrulayın',
  stepUpIntro: 'Giriş yönteminizi değiştirmek için önce ikinci faktörünüzle doğrulayın.',
  stepUpUnavailable: 'Doğrulama yüklenemedi. Bağlantınızı kontrol edip yeniden deneyin.',
});

export default tr;
