import type { Response } from 'express';

/**
 * A JSON answer to a POST, written as is: no ETag, since no client revalidates a POST's answer,
 * and hashing every body for one cost the flow API ~1 % of each step's event-loop time.
 */
export function answerJson(res: Response, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
