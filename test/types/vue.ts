/**
 * Type test for `types/vue.d.ts`: the props vue-tsc checks a template's `<mfa-login>` against
 * (`@mfa-login-complete` is the prop `onMfaLoginComplete`).
 */
import type { GlobalComponents } from 'vue';
import type {} from '../../types/vue.js';

type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

export const fine: Props<'mfa-login'>[] = [
  { 'client-id': 'x' },
  { server: 'https://auth.example.com', 'client-id': 'shop', theme: 'auto', onMfaLoginComplete: (event) => event.detail.idToken },
];
export const settings: Props<'mfa-login-settings'> = { 'id-token': 'eyJ', onMfaLoginReauthenticate: (event) => event.detail.message };

export const wrong: Props<'mfa-login'>[] = [
  // @ts-expect-error client-id is a string
  { 'client-id': 5 },
  // @ts-expect-error client-id is required
  { server: 'https://auth.example.com' },
  // @ts-expect-error the detail has no such field
  { 'client-id': 'x', onMfaLoginComplete: (event) => event.detail.accessToken },
];
