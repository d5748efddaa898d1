/** Who is calling: the browser origin (if any) and the client address. */
export interface Caller {
  origin: string | null;
  ip: string | null;
}
