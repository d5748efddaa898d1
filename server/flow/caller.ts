/** Who is calling: the browser origin (if any) and the client address. */
export interface Caller {
  origin: string | null;
  ip: string | null;
  /** The request's id: its log lines and audit events carry it (request-services.ts). */
  requestId?: string;
}
