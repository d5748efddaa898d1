import { errorBody, oauthErrorBody } from '../errors.js';
import { jwks, openIdConfiguration, outbox } from '../discovery.js';
import {
  backupCodeOption,
  backupCodeRequest,
  cancelledFlow,
  codeRequest,
  emailOption,
  flowHandle,
  flowRequest,
  flowState,
  idTokenClaims,
  loginResult,
  passwordOption,
  passwordRequest,
  phoneRequest,
  settingsGrantResult,
  smsOption,
  startFlowRequest,
  step,
  totpEnrollment,
  totpOption,
} from '../flows.js';
import { health, readiness } from '../health.js';
import { emptyRequest, me, meCodeRequest, meEnrollment, mePhoneChallenge, mePhoneRequest } from '../settings.js';
import { authorizeCompleteRequest, authorizeCompleteResponse, codeTokenRequest, codeTokenResponse, userinfo } from '../oidc.js';
import { tokenChallenge, tokenRequest, tokenResponse } from '../token.js';

/** The document's `components.schemas`: name → the contract schema it is generated from. */
export const componentSchemas = {
  FlowHandle: flowHandle,
  StartFlowRequest: startFlowRequest,
  FlowRequest: flowRequest,
  PasswordRequest: passwordRequest,
  CodeRequest: codeRequest,
  BackupCodeRequest: backupCodeRequest,
  PhoneRequest: phoneRequest,
  FlowState: flowState,
  CancelledFlow: cancelledFlow,
  Step: step,
  PasswordOption: passwordOption,
  TotpOption: totpOption,
  SmsOption: smsOption,
  EmailOption: emailOption,
  BackupCodeOption: backupCodeOption,
  TotpEnrollment: totpEnrollment,
  FlowResult: loginResult,
  IdTokenClaims: idTokenClaims,
  Error: errorBody,
  OpenIdConfiguration: openIdConfiguration,
  Jwks: jwks,
  Outbox: outbox,
  TokenRequest: tokenRequest,
  TokenChallenge: tokenChallenge,
  TokenResponse: tokenResponse,
  OAuthError: oauthErrorBody,
  CodeTokenRequest: codeTokenRequest,
  CodeTokenResponse: codeTokenResponse,
  AuthorizeCompleteRequest: authorizeCompleteRequest,
  AuthorizeCompleteResponse: authorizeCompleteResponse,
  Userinfo: userinfo,
  Me: me,
  MeEnrollment: meEnrollment,
  MePhoneChallenge: mePhoneChallenge,
  EmptyRequest: emptyRequest,
  MeCodeRequest: meCodeRequest,
  MePhoneRequest: mePhoneRequest,
  SettingsGrantResult: settingsGrantResult,
  Health: health,
  Readiness: readiness,
};

export type SchemaName = keyof typeof componentSchemas;
