import type { PasskeyCatalog } from '../passkey-book.js';

const fa: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'ورود با کلید عبور',
    hint: 'از کلید عبوری که روی این دستگاه، تلفنتان یا کلید امنیتی‌تان ذخیره شده است استفاده کنید.',
    use: 'استفاده از کلید عبور',
    offerTitle: 'دفعهٔ بعد سریع‌تر وارد شوید؟',
    offerHint: 'یک کلید عبور بسازید: دفعهٔ بعد با اثر انگشت، چهره یا قفل صفحه وارد می‌شوید، بدون اینکه چیزی تایپ کنید.',
    create: 'ساختن کلید عبور',
    skip: 'الان نه',
    cancelled: 'از کلید عبور استفاده نشد. دوباره امتحان کنید یا روش دیگری را به کار ببرید.',
    unsupported: 'این مرورگر اینجا نمی‌تواند از کلید عبور استفاده کند.',
  },
  trustDevice: {
    title: (days) => `به این دستگاه به مدت ${h.n(days)} روز اعتماد شود؟`,
    hint: 'تا آن زمان در این مرورگر عامل دوم از شما خواسته نمی‌شود. به رایانهٔ مشترک یا عمومی اعتماد نکنید.',
    yes: 'به این دستگاه اعتماد کن',
    no: 'الان نه',
    checking: 'در حال بررسی این دستگاه…',
  },
  settings: {
    devicesTitle: 'دستگاه‌های مورد اعتماد',
    devicesIntro: 'در این مرورگرها بدون عامل دوم وارد می‌شوید.',
    deviceUsed: (trusted, used) => `مورد اعتماد از ${trusted}، آخرین استفاده ${used}`,
    deviceNotUsed: (trusted) => `مورد اعتماد از ${trusted}، هنوز استفاده نشده`,
    revokeDevice: 'لغو اعتماد',
    revokeAllDevices: 'لغو اعتماد به همهٔ دستگاه‌ها',
    devicesChanged: 'آن دستگاه دوباره عامل دوم را از شما می‌خواهد.',
    devicesDropped: 'دستگاه‌هایی که به آن‌ها اعتماد کرده بودید دوباره عامل دوم را از شما می‌خواهند.',
    passkeysTitle: 'کلیدهای عبور',
    passkeysIntro: 'به‌جای کد، با اثر انگشت، چهره یا قفل صفحه وارد شوید.',
    passkeyUsed: (created, used) => `ساخته‌شده در ${created}، آخرین استفاده ${used}`,
    passkeyNotUsed: (created) => `ساخته‌شده در ${created}، هنوز استفاده نشده`,
    passkeyName: 'نام کلید عبور',
    renamePasskey: 'تغییر نام',
    removePasskey: 'حذف',
    createPasskey: 'ساختن کلید عبور',
    passkeyFailed: 'هیچ کلید عبوری ساخته نشد. دوباره امتحان کنید یا روش دیگری را به کار ببرید.',
    passkeysChanged: 'کلیدهای عبور شما به‌روز شد.',
  },
});

export default fa;
