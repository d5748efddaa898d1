import type { SettingsCatalog } from '../settings.js';

const he: SettingsCatalog = (h) => ({
  title: 'שיטות ההתחברות שלך',
  notSignedIn: 'כדי לנהל את שיטות ההתחברות, יש להתחבר.',
  isSet: 'מוגדרת',
  totpEnrolled: 'מוגדרת',
  totpNotEnrolled: 'לא מוגדרת',
  addAnotherTotp: 'הוספת אפליקציית אימות נוספת',
  totpName: 'שם האפליקציה',
  rename: 'שינוי שם',
  remove: 'הסרה',
  removeTotpTitle: (name) => `להסיר את „${name}”?`,
  removeTotpWarning: (name) => `קודים מ־„${name}” יפסיקו לעבוד מיד. אפליקציות האימות האחרות שלך ממשיכות לעבוד.`,
  addTotp: 'הגדרת אפליקציית אימות',
  noPhone: 'אין מספר טלפון',
  smsDisabled: 'הודעות SMS כבויות בחשבון הזה.',
  changePhone: 'שינוי מספר הטלפון',
  addPhone: 'הוספת מספר טלפון',
  changePhoneTitle: 'שינוי מספר הטלפון',
  addPhoneTitle: 'הוספת מספר טלפון',
  newPhoneIntro: 'יש להזין את המספר הנייד שישמש מעכשיו. נשלח קוד למספר החדש.',
  noEmail: 'אין כתובת אימייל',
  codesLeft: (n) => h.p(n, { one: 'נשאר קוד אחד', other: 'נשארו # קודים' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'לא נשארו קודים: יש להשתמש ב„יצירת קודי גיבוי חדשים”.'
      : h.p(n, { one: 'נשאר רק קוד אחד: יש להשתמש ב„יצירת קודי גיבוי חדשים”.', other: 'נשארו רק # קודים: יש להשתמש ב„יצירת קודי גיבוי חדשים”.' }),
  newCodes: 'יצירת קודי גיבוי חדשים',
  newCodesWarning: 'הקודים החדשים מחליפים את כל קודי הגיבוי הנוכחיים: הישנים מפסיקים לעבוד מיד.',
  cancel: 'ביטול',
  totpChanged: 'אפליקציית האימות נוספה. אפליקציות שהגדרת קודם ממשיכות לעבוד.',
  totpUpdated: 'אפליקציות האימות שלך עודכנו.',
  phoneChanged: 'מספר הטלפון שלך שונה.',
  codesChanged: 'קודי הגיבוי החדשים מוכנים. הישנים כבר לא עובדים.',
  reauthenticate: 'לביטחונך, יש להתחבר שוב כדי לשנות את אופן ההתחברות.',
  signInAgain: 'התחברות מחדש',
  stepUpTitle: 'אישור שזה את/ה',
  stepUpIntro: 'כדי לשנות את אופן ההתחברות, יש לאשר קודם עם הגורם השני.',
  stepUpUnavailable: 'לא הצלחנו לטעון את שלב האישור. יש לבדוק את החיבור ולנסות שוב.',
});

export default he;
