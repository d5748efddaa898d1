import type { PasskeyCatalog } from '../passkey-book.js';

const he: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'התחברות עם מפתח גישה',
    hint: 'יש להשתמש במפתח הגישה השמור במכשיר הזה, בטלפון או במפתח האבטחה.',
    use: 'שימוש במפתח גישה',
    offerTitle: 'להתחבר מהר יותר בפעם הבאה?',
    offerHint: 'כדאי ליצור מפתח גישה: בפעם הבאה טביעת האצבע, הפנים או נעילת המסך יחברו אותך, בלי להקליד דבר.',
    create: 'יצירת מפתח גישה',
    skip: 'לא עכשיו',
    cancelled: 'לא נעשה שימוש במפתח הגישה. אפשר לנסות שוב או לבחור שיטה אחרת.',
    unsupported: 'הדפדפן הזה לא יכול להשתמש כאן במפתחות גישה.',
  },
  trustDevice: {
    title: (days) =>
      h.p(days, {
        one: 'לסמוך על המכשיר הזה למשך יום אחד?',
        two: 'לסמוך על המכשיר הזה למשך יומיים?',
        other: 'לסמוך על המכשיר הזה למשך # ימים?',
      }),
    hint: 'עד אז לא תתבקשו לגורם שני בדפדפן הזה. אין לסמוך על מחשב משותף או ציבורי.',
    yes: 'לסמוך על המכשיר הזה',
    no: 'לא עכשיו',
    checking: 'המכשיר נבדק…',
  },
  settings: {
    devicesTitle: 'מכשירים מהימנים',
    devicesIntro: 'בדפדפנים האלה ההתחברות היא בלי הגורם השני.',
    deviceUsed: (trusted, used) => `מהימן מאז ${trusted}, שימוש אחרון ב-${used}`,
    deviceNotUsed: (trusted) => `מהימן מאז ${trusted}, עדיין לא נעשה בו שימוש`,
    revokeDevice: 'הפסקת האמון',
    revokeAllDevices: 'הפסקת האמון בכל המכשירים',
    devicesChanged: 'המכשיר הזה יבקש שוב את הגורם השני.',
    devicesDropped: 'המכשירים שסימנת כמהימנים יבקשו שוב את הגורם השני.',
    passkeysTitle: 'מפתחות גישה',
    passkeysIntro: 'התחברות בטביעת אצבע, בזיהוי פנים או בנעילת המסך במקום בקוד.',
    passkeyUsed: (created, used) => `נוצר ב-${created}, שימוש אחרון ב-${used}`,
    passkeyNotUsed: (created) => `נוצר ב-${created}, עדיין לא נעשה בו שימוש`,
    passkeyName: 'שם מפתח הגישה',
    renamePasskey: 'שינוי שם',
    removePasskey: 'הסרה',
    createPasskey: 'יצירת מפתח גישה',
    passkeyFailed: 'לא נוצר מפתח גישה. אפשר לנסות שוב או לבחור שיטה אחרת.',
    passkeysChanged: 'מפתחות הגישה עודכנו.',
  },
});

export default he;
