/** The CLI checks a value as the admin API does: one definition of each field. */
export { displayNameArg, emailArg, passwordArg, phoneArg, usernameArg } from '../admin/fields.js';
