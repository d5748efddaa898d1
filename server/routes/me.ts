import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { mePaths } from '../../contract/paths.js';
import {
  emptyRequest,
  meCodeRequest,
  meDeviceRevokeRequest,
  mePhoneRequest,
  meTotpRemoveRequest,
  meTotpRenameRequest,
  meTotpVerifyRequest,
} from '../../contract/settings.js';
import { revokeTrustedDevices } from '../auth/trusted-devices.js';
import { MfaError } from '../errors.js';
import { callerOf } from '../http/caller.js';
import { parseBody } from '../validate.js';
import { renewBackupCodes } from '../self-service/backup-codes.js';
import { devicesView, revokeAllDevices, revokeDevice } from '../self-service/devices.js';
import { factorsView } from '../self-service/factors.js';
import { assertMayChange, identify, type Identity } from '../self-service/identity.js';
import { confirmPhone, sendPhoneCode } from '../self-service/phone.js';
import { confirmTotpEnrollment, removeTotp, renameTotp, startTotpEnrollment } from '../self-service/totp.js';
import type { Services } from '../services.js';

/** Query names under which a token would land in access logs. */
const TOKEN_PARAMS = ['access_token', 'id_token', 'token'];

/** The URLs a request may have been addressed as: the public one (issuer) and the one the server saw. */
function requestUrls(req: Request, issuer: string): string[] {
  const path = req.originalUrl.split('?')[0]!;
  return [...new Set([`${new URL(issuer).origin}${path}`, `${req.protocol}://${req.get('host') ?? ''}${path}`])];
}

/**
 * Self-service under /api/v1/me for a user signed in with this server. Reading the factors takes
 * an id_token (`Bearer`) or a settings grant; a change takes a settings grant only (`DPoP`
 * scheme plus a `DPoP` proof header), which a step-up flow makes (purpose `settings`).
 */
export function meRoutes(services: Services): Router {
  const router = Router();

  async function who(req: Request): Promise<Identity> {
    if (TOKEN_PARAMS.some((name) => name in (req.query as Record<string, unknown>))) {
      throw new MfaError('invalid_request', 'Send the token in the Authorization header, never in the URL.');
    }
    return identify(services, {
      authorization: req.get('authorization'),
      dpop: req.get('dpop'),
      method: req.method,
      urls: requestUrls(req, services.config.issuer),
      caller: callerOf(req),
    });
  }

  /** Some answers hold secrets (keys, backup codes): no cache may keep any of them. */
  const send = (res: Response, body: unknown) => void res.set('Cache-Control', 'no-store').json(body);

  function change<S extends z.ZodType>(path: string, schema: S, run: (identity: Identity, body: z.output<S>, req: Request) => Promise<unknown>) {
    router.post(path, async (req, res) => {
      const identity = await who(req);
      assertMayChange(identity, services.now());
      send(res, await run(identity, parseBody(schema, req.body), req));
    });
  }

  router.get('/', async (req, res) => send(res, await factorsView(services, await who(req))));

  change(mePaths.totpEnroll, emptyRequest, (identity, _body, req) => startTotpEnrollment(services, identity, callerOf(req).ip));

  change(mePaths.totpVerify, meTotpVerifyRequest, async (identity, { code, name }, req) => {
    await confirmTotpEnrollment(services, identity, callerOf(req).ip, code, name);
    // A new authenticator may replace a lost phone: no trusted device skips it.
    await revokeTrustedDevices(services.store, identity.user.id);
    return factorsView(services, identity);
  });

  change(mePaths.totpRemove, meTotpRemoveRequest, async (identity, { id }) => {
    await removeTotp(services, identity, id);
    return factorsView(services, identity);
  });

  change(mePaths.totpRename, meTotpRenameRequest, async (identity, { id, name }) => {
    await renameTotp(services, identity, id, name);
    return factorsView(services, identity);
  });

  change(mePaths.phone, mePhoneRequest, (identity, { phone }, req) => sendPhoneCode(services, identity, callerOf(req).ip, phone));

  change(mePaths.phoneVerify, meCodeRequest, async (identity, { code }, req) => {
    await confirmPhone(services, identity, callerOf(req).ip, code);
    await revokeTrustedDevices(services.store, identity.user.id);
    return factorsView(services, identity);
  });

  change(mePaths.backupCodes, emptyRequest, async (identity) => {
    const backupCodes = await renewBackupCodes(services, identity);
    return { ...(await factorsView(services, identity)), backupCodes };
  });

  router.get(mePaths.devices, async (req, res) => send(res, await devicesView(services, await who(req))));

  change(mePaths.deviceRevoke, meDeviceRevokeRequest, (identity, { id }) => revokeDevice(services, identity, id));

  change(mePaths.devicesRevokeAll, emptyRequest, (identity) => revokeAllDevices(services, identity));

  return router;
}
