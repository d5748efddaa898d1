/** A browser key that may skip a login's second step for its user, on the client it was trusted for. */
export interface TrustedDeviceRecord {
  /** Random, not a secret: the signature is what proves the device. */
  id: string;
  userId: string;
  clientId: string;
  /** The public JWK (EC P-256) as registered; the private key never leaves the browser. */
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  /** Made from the user agent that trusted it. */
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
}

/** Trusted devices ("remember this device"), per user. Expired ones are never answered. */
export interface TrustedDeviceStore {
  addTrustedDevice(device: Omit<TrustedDeviceRecord, 'createdAt' | 'lastUsedAt'>, now: Date): Promise<TrustedDeviceRecord>;
  /** The device while it has not expired; null when unknown, expired or revoked. */
  getTrustedDevice(id: string, now: Date): Promise<TrustedDeviceRecord | null>;
  /** The user's live devices, newest first. */
  listTrustedDevices(userId: string, now: Date): Promise<TrustedDeviceRecord[]>;
  /** Whether the user has a live device for the client (what offers the `device` option). */
  hasTrustedDevice(userId: string, clientId: string, now: Date): Promise<boolean>;
  /** Records a use; false when the device is gone (revoked meanwhile). */
  touchTrustedDevice(id: string, now: Date): Promise<boolean>;
  /** Revokes one device of the user; false when the user has no such device. */
  deleteTrustedDevice(userId: string, id: string): Promise<boolean>;
  /** Revokes every device of the user; answers how many there were. */
  deleteTrustedDevices(userId: string): Promise<number>;
  /** Deletes the devices that expired before `before`. */
  sweepTrustedDevices(before: Date): Promise<void>;
}
