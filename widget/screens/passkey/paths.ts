import type { onDemandPaths } from '../../../contract/paths.js';

/** The contract's passkey paths, written out (the passkey chunk imports nothing the script has); the type checks them. */
export const PATHS: (typeof onDemandPaths)['passkey'] = {
  options: '/api/v1/flows/passkey/options',
  verify: '/api/v1/flows/passkey/verify',
  registerOptions: '/api/v1/flows/passkey/register-options',
  register: '/api/v1/flows/passkey/register',
};
