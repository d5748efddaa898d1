import type { PasskeyCatalog } from '../passkey-book.js';

const hi: PasskeyCatalog = (h) => ({
  passkey: {
    title: 'पासकी से साइन इन करें',
    hint: 'इस डिवाइस, अपने फ़ोन या अपनी सुरक्षा कुंजी पर सहेजी गई पासकी का इस्तेमाल करें।',
    use: 'पासकी इस्तेमाल करें',
    offerTitle: 'अगली बार जल्दी साइन इन करें?',
    offerHint: 'पासकी बनाएँ: अगली बार आपकी उँगली की छाप, चेहरा या स्क्रीन लॉक आपको साइन इन करा देगा, कुछ भी टाइप किए बिना।',
    create: 'पासकी बनाएँ',
    skip: 'अभी नहीं',
    cancelled: 'पासकी का इस्तेमाल नहीं हुआ। फिर से कोशिश करें या कोई दूसरा तरीका चुनें।',
    unsupported: 'यह ब्राउज़र यहाँ पासकी का इस्तेमाल नहीं कर सकता।',
  },
  trustDevice: {
    title: (days) => h.p(days, { one: 'क्या इस डिवाइस पर # दिन के लिए भरोसा करें?', other: 'क्या इस डिवाइस पर # दिनों के लिए भरोसा करें?' }),
    hint: 'तब तक इस ब्राउज़र पर आपसे दूसरा फ़ैक्टर नहीं माँगा जाएगा। किसी साझा या सार्वजनिक कंप्यूटर पर भरोसा न करें।',
    yes: 'इस डिवाइस पर भरोसा करें',
    no: 'अभी नहीं',
    checking: 'इस डिवाइस की जाँच हो रही है…',
  },
  settings: {
    devicesTitle: 'भरोसेमंद डिवाइस',
    devicesIntro: 'इन ब्राउज़र पर आप दूसरे फ़ैक्टर के बिना साइन इन करते हैं।',
    deviceUsed: (trusted, used) => `${trusted} से भरोसेमंद, पिछली बार ${used} को इस्तेमाल हुआ`,
    deviceNotUsed: (trusted) => `${trusted} से भरोसेमंद, अभी तक इस्तेमाल नहीं हुआ`,
    revokeDevice: 'भरोसा हटाएँ',
    revokeAllDevices: 'सभी डिवाइस से भरोसा हटाएँ',
    devicesChanged: 'वह डिवाइस फिर से आपका दूसरा फ़ैक्टर माँगेगा।',
    passkeysTitle: 'पासकी',
    passkeysIntro: 'कोड के बजाय अपनी उँगली की छाप, चेहरे या स्क्रीन लॉक से साइन इन करें।',
    passkeyUsed: (created, used) => `${created} को बनाई गई, पिछली बार ${used} को इस्तेमाल हुई`,
    passkeyNotUsed: (created) => `${created} को बनाई गई, अभी तक इस्तेमाल नहीं हुई`,
    passkeyName: 'पासकी का नाम',
    renamePasskey: 'नाम बदलें',
    removePasskey: 'हटाएँ',
    createPasskey: 'पासकी बनाएँ',
    passkeyFailed: 'कोई पासकी नहीं बनी। फिर से कोशिश करें या कोई दूसरा तरीका चुनें।',
    passkeysChanged: 'आपकी पासकी अपडेट हो गई हैं।',
  },
});

export default hi;
