import { createRequire } from 'node:module';

type PhoneNumbers = typeof import('libphonenumber-js');

let loaded: PhoneNumbers | undefined;

/**
 * libphonenumber-js, loaded on the first phone number read rather than at start-up: its ~110
 * modules were a tenth of the files a start opened, and a server without SMS never needs them.
 */
export const phoneNumbers = (): PhoneNumbers => {
  loaded ??= createRequire(import.meta.url)('libphonenumber-js') as PhoneNumbers;
  return loaded;
};
