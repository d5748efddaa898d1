import { errorAnswer, errorOf, flowStateAnswers, json, noStoreAnswer, requestOf, responseRef, schemaRef, type PathItems } from './refs.js';
import { stepOperations } from './step-operations.js';

/** The operations of flows: what each answers, with which status; a method's steps are generated from its contract. */
export const flowsPaths: PathItems = {
  '/api/v1/flows': {
    post: {
      tags: ['flows'],
      operationId: 'startFlow',
      summary: 'Start a flow',
      description:
        "Starts one login attempt for a client. `acr` picks one of the client's named sequences (default: the client's `defaultAcr`). A browser `Origin` must be one the client lists; calls without `Origin` (native apps, servers) are allowed. At most 120 starts per minute per address. With `purpose: settings` it starts a step-up for settings changes (see `StartFlowRequest`).",
      requestBody: requestOf('StartFlowRequest'),
      responses: {
        '201': noStoreAnswer('The new flow, at step 1.', schemaRef('FlowState')),
        '400': {
          description:
            'Bad request: `invalid_request`, `unknown_client`. `invalid_request` also when `acr` names a sequence the client does not offer.',
          content: json(errorOf('invalid_request', 'unknown_client')),
        },
        '403': responseRef('OriginNotAllowed'),
        '429': responseRef('RateLimited'),
        '500': responseRef('ServerError'),
        '401': {
          description: "Not authenticated: `unauthorized`. A step-up's `idToken` is not valid, or not for this client.",
          content: json(errorOf('unauthorized')),
        },
      },
    },
  },
  '/api/v1/flows/introspect': {
    post: {
      tags: ['flows'],
      operationId: 'introspectFlow',
      summary: 'Read the flow state',
      description:
        'The current state, e.g. to resume after a page reload. While a TOTP enrolment waits for its first code the state carries `enrollment` again. A completed flow shows its `result` (the id_token) only in the 30 seconds after it completed, so a page reloaded at that moment still gets it; after that introspect answers `status: "complete"` without `result`, and a new flow is needed for a new token.',
      requestBody: requestOf('FlowRequest'),
      responses: {
        ...flowStateAnswers,
      },
    },
  },
  ...stepOperations(),
  '/api/v1/flows/cancel': {
    post: {
      tags: ['flows'],
      operationId: 'cancelFlow',
      summary: 'Cancel a flow',
      description: 'Ends a pending flow; afterwards its handle is `flow_not_found`. A completed flow is left as it is.',
      requestBody: requestOf('FlowRequest'),
      responses: {
        '200': noStoreAnswer('Cancelled.', schemaRef('CancelledFlow')),
        '400': responseRef('BadRequest'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': responseRef('FlowConflict'),
        '410': responseRef('FlowExpired'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/flows/device/trust': {
    post: {
      tags: ['flows'],
      operationId: 'trustDevice',
      summary: 'Trust this device',
      description:
        "After a login whose completing answer offered `trustDevice`, until the flow expires, once per flow: registers the public key of this browser's non-extractable key pair. The device is named from the `User-Agent` (e.g. `Chrome on Linux`) and skips the second step of this user's logins on this client for `trustDevice.days`. A new password or a factor reset revokes it; so can the user (settings) and an administrator (CLI).",
      requestBody: requestOf('TrustDeviceRequest'),
      responses: {
        '201': noStoreAnswer('The trusted device.', schemaRef('TrustedDeviceAnswer')),
        '400': responseRef('BadRequest'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': errorAnswer(
          'Conflict: `method_not_allowed` (this flow offered no device trust, or trusted one already), `flow_conflict`.',
          'method_not_allowed',
          'flow_conflict',
        ),
        '410': responseRef('FlowExpired'),
        '500': responseRef('ServerError'),
      },
    },
  },
};
