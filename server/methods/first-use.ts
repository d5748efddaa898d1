import type { FlowRecord, UserRecord } from '../store/types.js';

/**
 * Inside a login a factor can be set up only on first use: until the user has set up or used a
 * second factor at all (`mfaSince`). After that a password alone must not be enough to add an
 * authenticator or a phone; the user adds them in settings after a sign-in with both.
 */
export const isFirstUse = (user: UserRecord): boolean => user.mfaSince === null;

/** First use inside this flow: a login may enrol then; a step-up for settings never does. */
export const canEnrollIn = (flow: FlowRecord, user: UserRecord): boolean => flow.kind === 'login' && isFirstUse(user);
