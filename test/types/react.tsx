/**
 * Type test for `types/react.d.ts`: `tsc -p test/types` fails when a line marked
 * `@ts-expect-error` type-checks, or when a correct use does not.
 */
import type { MfaLoginCompleteDetail } from 'mfa-login/widget';
import type {} from '../../types/react.js';

export const fine = (
  <>
    <mfa-login client-id="x" />
    <mfa-login
      server="https://auth.example.com"
      client-id="shop"
      login-hint="alice"
      theme="dark"
      i18n={{ de: { password: { title: 'Anmelden' } } }}
      onmfa-login-complete={(event) => {
        const detail: MfaLoginCompleteDetail = event.detail;
        return detail.idToken.length;
      }}
      onmfa-login-error={(event) => event.detail.error.toUpperCase()}
      onmfa-login-step={(event) => event.detail.status}
    />
    <mfa-login-settings id-token="eyJ" onmfa-login-reauthenticate={(event) => event.detail.message} />
  </>
);

export const wrong = (
  <>
    {/* @ts-expect-error client-id is a string */}
    <mfa-login client-id={5} />
    {/* @ts-expect-error client-id is required */}
    <mfa-login server="https://auth.example.com" />
    {/* @ts-expect-error no such theme */}
    <mfa-login client-id="x" theme="blue" />
    {/* @ts-expect-error the detail has no such field */}
    <mfa-login client-id="x" onmfa-login-complete={(event) => event.detail.accessToken} />
    {/* @ts-expect-error id-token is a string */}
    <mfa-login-settings id-token={42} />
  </>
);
