/** The GSM 03.38 default alphabet's basic set (3GPP TS 23.038 §6.2.1), without the escape. */
const basicSet = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** True when every character of `text` is in the GSM-7 basic set, so it needs no Unicode (UCS-2) encoding. */
export function isGsmBasic(text: string): boolean {
  for (const ch of text) if (!basicSet.has(ch)) return false;
  return true;
}
