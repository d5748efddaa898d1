import type { z } from 'zod';
import type { ErrorCode } from '../errors.js';

/** An error answer: its description and the codes it carries, or one of the document's shared answers by name. */
export type SettingsError =
  | readonly [description: string, ...codes: ErrorCode[]]
  | 'OriginNotAllowed'
  | 'FlowConflict'
  | 'RateLimited'
  | 'TooManyAttempts'
  | 'DeliveryFailed'
  | 'ServerError';

interface SettingsDoc {
  /** Relative to ME, from contract/paths.ts (the widget imports that table, which carries no zod). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** What it answers (no cache keeps it); absent: the user's factors (`Me`) after the change. */
  answer?: { schema: z.ZodType; description: string };
  /** Error answers by status: beyond 400, 403 and 500 (and a change's 401), or instead of them. */
  errors?: Partial<Record<number, SettingsError>>;
}

/**
 * One action of the settings API (`/api/v1/me`), declared once: its route (server/routes/me.ts)
 * and its OpenAPI operation are read off it. A read is a GET that an id_token or a settings
 * grant may make; a change is a POST with a JSON body, under a DPoP-bound settings grant only.
 */
export type SettingsAction = SettingsDoc & ({ kind: 'read' } | { kind: 'change'; body: z.ZodObject });

/** A change's 401 when it says no more than the scheme: a step-up (or a new sign-in) is the way on. */
export const STEP_UP_REFUSED =
  'Not authenticated: `unauthorized`. With `stepUp: true`: no settings grant, an expired one, a missing or refused DPoP proof, another origin, or an id_token (which never authorises a change); with `reauthenticate: true`: an invalid credential.';
