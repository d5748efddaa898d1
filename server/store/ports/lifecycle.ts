/** Opening, upgrading and closing the database itself. */
export interface StoreLifecycle {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** One cheap query on a table the store made: rejects when the database cannot be reached. */
  ping(): Promise<void>;
}

/** The database itself failed (unreachable, login refused), said without the URL's password. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
