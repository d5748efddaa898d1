/** Stands in for the mfa-login server: answers `fetch` from a table and records every request. */

export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  body: Record<string, unknown>;
  credentials?: RequestCredentials;
  contentType: string | null;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A reply, a function of the request body, or `'network-down'` for a failing fetch. */
export type Route = Reply | 'network-down' | ((body: Record<string, unknown>) => Reply | Promise<Reply>);

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Route[]>();
  private readonly realFetch = window.fetch;

  /** Answers `path` with the replies in turn; the last one keeps answering. */
  on(path: string, ...replies: Route[]): this {
    this.routes.set(path, replies);
    return this;
  }

  install(): this {
    window.fetch = (input, init) => this.handle(input, init);
    return this;
  }

  uninstall(): void {
    window.fetch = this.realFetch;
  }

  /** The real fetch, for reading blob: URLs the element made. */
  get fetch(): typeof fetch {
    return this.realFetch.bind(window);
  }

  calls(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  last(path?: string): RecordedRequest {
    const list = path ? this.calls(path) : this.requests;
    const request = list[list.length - 1];
    if (!request) throw new Error(`no request to ${path ?? 'any path'}; saw ${this.requests.map((r) => r.path).join(', ') || 'none'}`);
    return request;
  }

  private async handle(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, location.href);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const headers = new Headers(init?.headers);
    this.requests.push({
      method: init?.method ?? 'GET',
      url: url.href,
      path: url.pathname,
      body,
      credentials: init?.credentials,
      contentType: headers.get('content-type'),
    });
    const queue = this.routes.get(url.pathname);
    const route = queue && (queue.length > 1 ? queue.shift() : queue[0]);
    if (!route) {
      return json({ status: 500, body: { error: 'unrouted_in_test', message: url.pathname } });
    }
    if (route === 'network-down') throw new TypeError('Failed to fetch');
    return json(typeof route === 'function' ? await route(body) : route);
  }
}

function json({ status = 200, body, headers = {} }: Reply): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function errorReply(status: number, error: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { error, message: `server says ${error}`, ...extra } };
}
