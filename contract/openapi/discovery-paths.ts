import { errorAnswer, headerRef, json, responseRef, schemaRef, type PathItems } from './refs.js';

/** The operations of discovery, development, operations: what each answers, with which status. */
export const discoveryPaths: PathItems = {
  '/.well-known/openid-configuration': {
    get: {
      tags: ['discovery'],
      operationId: 'openidConfiguration',
      summary: 'OpenID Provider metadata',
      responses: {
        '200': {
          description: 'Provider metadata (OpenID Connect Discovery 1.0).',
          content: json(schemaRef('OpenIdConfiguration')),
        },
        '500': responseRef('ServerError'),
      },
    },
  },
  '/.well-known/jwks.json': {
    get: {
      tags: ['discovery'],
      operationId: 'jwks',
      summary: 'Public signing keys',
      description: 'The active key and retired keys whose id_tokens may still be live; each has a `kid`.',
      responses: {
        '200': {
          description: 'A JWK Set (RFC 7517).',
          content: json(schemaRef('Jwks')),
        },
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/openapi.json': {
    get: {
      tags: ['discovery'],
      operationId: 'openapi',
      summary: 'This document',
      description: "This OpenAPI 3.1 document with `servers` set to the server's issuer URL.",
      responses: {
        '200': {
          description: 'The OpenAPI document.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['openapi', 'info', 'paths'],
              },
            },
          },
        },
      },
    },
  },
  '/api/v1/dev/outbox': {
    get: {
      tags: ['development'],
      operationId: 'devOutbox',
      summary: 'Development only: messages "sent"',
      description:
        '**Development only.** Mounted only when `devOutbox` is on (refused at start-up when `NODE_ENV=production`); absent otherwise (`404 not_found`). Every SMS and e-mail the server sent, newest first, kept in memory (the last 200).',
      'x-development-only': true,
      parameters: [
        {
          name: 'to',
          in: 'query',
          required: false,
          description:
            'An E.164 number (encode `+` as `%2B`; a leading space is read as `+`) or an e-mail address (case-insensitive). Absent: every message.',
          schema: {
            type: 'string',
          },
        },
      ],
      responses: {
        '200': {
          description: 'The messages.',
          content: json(schemaRef('Outbox')),
        },
      },
    },
  },
  '/api/v1/dev/demo': {
    get: {
      tags: ['development'],
      operationId: 'devDemo',
      summary: 'Development only: the demo credentials',
      description: "**Development only.** Mounted with the outbox; answers the demo user's username and password when the demo fixtures were seeded.",
      'x-development-only': true,
      responses: {
        '200': {
          description: 'The demo credentials.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['username', 'password'],
                properties: {
                  username: {
                    type: 'string',
                  },
                  password: {
                    type: 'string',
                  },
                },
              },
            },
          },
        },
        '404': errorAnswer('Not found: `not_found`. No demo user.', 'not_found'),
      },
    },
  },
  '/healthz': {
    get: {
      tags: ['operations'],
      operationId: 'healthz',
      summary: 'Liveness probe',
      description:
        "Answers while the process can answer at all, also while it shuts down (a drain is not a hang). No credentials; at the issuer's root, or at a mounted router's mount point.",
      responses: {
        '200': {
          description: 'The process answers.',
          headers: {
            'Cache-Control': headerRef('No-Store'),
            'X-Request-Id': headerRef('X-Request-Id'),
          },
          content: json(schemaRef('Health')),
        },
      },
    },
  },
  '/readyz': {
    get: {
      tags: ['operations'],
      operationId: 'readyz',
      summary: 'Readiness probe',
      description:
        "Whether this instance can serve logins now: the store answers a cheap query, the signing key is open, the SMS and e-mail providers are configured. 503 while shutting down, so a load balancer stops sending new logins. No credentials; at the issuer's root, or at a mounted router's mount point.",
      responses: {
        '200': {
          description: 'Ready.',
          headers: {
            'Cache-Control': headerRef('No-Store'),
            'X-Request-Id': headerRef('X-Request-Id'),
          },
          content: {
            'application/json': {
              schema: {
                ...schemaRef('Readiness'),
                properties: {
                  status: {
                    const: 'ready',
                  },
                },
                required: ['checks'],
              },
            },
          },
        },
        '503': {
          description: 'Not ready (`failed` names the checks), or shutting down.',
          headers: {
            'Cache-Control': headerRef('No-Store'),
            'X-Request-Id': headerRef('X-Request-Id'),
          },
          content: {
            'application/json': {
              schema: {
                ...schemaRef('Readiness'),
                properties: {
                  status: {
                    enum: ['not_ready', 'shutting_down'],
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
