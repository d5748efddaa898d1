/** Text kept on one line: a masked phone number, a clock time. */
export const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

/** A number written in groups ("+49 151 23456789") kept whole inside a sentence that may wrap. */
export const keepNumbers = (text: string) => text.replace(/(?<=[+\d]) (?=\d)/g, '\u00a0');

/** A number and the word after it ("29 seconds") on one line; in any digits (Persian writes "۳۰ ثانیه"). */
export const keepUnits = (text: string) => text.replace(/(\p{Nd}) (?=\S)/gu, '$1\u00a0');
