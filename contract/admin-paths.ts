/**
 * The admin API's path table: plain data, in a file of its own so the widget's bundle never
 * carries it.
 */
export const ADMIN = '/admin/v1';

/** What an admin credential must carry: `admin` may do everything, `admin:read` may only read. */
export const adminScopes = ['admin', 'admin:read'] as const;
export type AdminScope = (typeof adminScopes)[number];

export interface AdminRoute {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI style, `{userId}`; the server mounts it as `:userId`. */
  path: string;
  operationId: string;
  /** The narrowest scope that allows it. */
  scope: AdminScope;
}

const route = (method: AdminRoute['method'], path: string, operationId: string): AdminRoute => ({
  method,
  path: `${ADMIN}${path}`,
  operationId,
  scope: method === 'get' ? 'admin:read' : 'admin',
});

/** Every admin API route: the server mounts these, the OpenAPI document describes these, the tests walk these. */
export const adminRoutes: readonly AdminRoute[] = [
  route('get', '/users', 'adminListUsers'),
  route('post', '/users', 'adminCreateUser'),
  route('get', '/users/{userId}', 'adminGetUser'),
  route('patch', '/users/{userId}', 'adminUpdateUser'),
  route('delete', '/users/{userId}', 'adminDeleteUser'),
  route('post', '/users/{userId}/disable', 'adminDisableUser'),
  route('post', '/users/{userId}/enable', 'adminEnableUser'),
  route('get', '/users/{userId}/factors', 'adminListFactors'),
  route('post', '/users/{userId}/totp/reset', 'adminResetTotp'),
  route('post', '/users/{userId}/totp/enrollment', 'adminEnrolTotp'),
  route('delete', '/users/{userId}/totp/{authenticatorId}', 'adminRemoveTotp'),
  route('post', '/users/{userId}/backup-codes', 'adminGenerateBackupCodes'),
  route('post', '/users/{userId}/backup-codes/import', 'adminImportBackupCodes'),
  route('delete', '/users/{userId}/phone', 'adminRemovePhone'),
  route('delete', '/users/{userId}/passkeys/{passkeyId}', 'adminRemovePasskey'),
  route('delete', '/users/{userId}/devices', 'adminRevokeTrustedDevices'),
  route('delete', '/users/{userId}/devices/{deviceId}', 'adminRevokeTrustedDevice'),
  route('get', '/clients', 'adminListClients'),
  route('post', '/clients', 'adminCreateClient'),
  route('get', '/clients/{clientId}', 'adminGetClient'),
  route('put', '/clients/{clientId}', 'adminReplaceClient'),
  route('delete', '/clients/{clientId}', 'adminDeleteClient'),
  route('post', '/clients/{clientId}/secret', 'adminRotateClientSecret'),
  route('get', '/events', 'adminListEvents'),
];
