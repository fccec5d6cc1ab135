import { createHmac, timingSafeEqual } from 'node:crypto';

/** Version prefix of the signature scheme, so a future scheme can be sent alongside this one. */
const SCHEME = 'v1';

/** How far a request's timestamp may be from the receiver's clock by default (seconds). */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Signs one webhook request: returns the `X-OpsLoop-Signature` header value,
 * `v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`.
 *
 * @param secret the channel's webhook secret (at least 16 characters)
 * @param timestamp unix seconds, the value sent in `X-OpsLoop-Timestamp`
 * @param body the exact bytes of the request body
 */
export function signWebhook(
  secret: string,
  timestamp: number | string,
  body: string | Uint8Array,
): string {
  return `${SCHEME}=${hmacHex(secret, String(timestamp), body)}`;
}

export type WebhookVerification =
  { ok: true } | { ok: false; reason: 'malformed' | 'expired' | 'future' | 'mismatch' };

/**
 * Checks a received webhook request, for receivers written in TypeScript/JavaScript.
 *
 * Accepts the request only when the signature matches the raw body and timestamp (compared in
 * constant time) and the timestamp is within `toleranceSeconds` of `now` in either direction.
 * The time window stops a captured request from being replayed later; within the window,
 * receivers must also drop repeats of an `X-OpsLoop-Idempotency-Key` they have already handled
 * (OpsLoop retries with the same key and a fresh timestamp).
 *
 * `signature` may list several comma-separated values (e.g. during a secret rotation); one match
 * is enough.
 *
 * @example
 * const result = verifyWebhookSignature({
 *   secret,
 *   timestamp: req.headers['x-opsloop-timestamp'],
 *   signature: req.headers['x-opsloop-signature'],
 *   body: rawBody,
 * });
 * if (!result.ok) return res.writeHead(401).end(result.reason);
 */
export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string | number | null | undefined;
  signature: string | null | undefined;
  body: string | Uint8Array;
  /** Milliseconds since the epoch; defaults to the current time. */
  now?: number;
  toleranceSeconds?: number;
}): WebhookVerification {
  const timestamp = String(input.timestamp ?? '');
  if (!/^\d{1,12}$/.test(timestamp) || !input.signature) return { ok: false, reason: 'malformed' };
  const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
  const tolerance = input.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  const age = nowSeconds - Number(timestamp);
  if (age > tolerance) return { ok: false, reason: 'expired' };
  if (age < -tolerance) return { ok: false, reason: 'future' };

  const expected = Buffer.from(hmacHex(input.secret, timestamp, input.body), 'hex');
  let sawCandidate = false;
  for (const part of input.signature.split(',')) {
    const [scheme, value] = part.trim().split('=', 2);
    if (scheme !== SCHEME || value === undefined || !/^[0-9a-f]{64}$/i.test(value)) continue;
    sawCandidate = true;
    if (timingSafeEqual(Buffer.from(value, 'hex'), expected)) return { ok: true };
  }
  return { ok: false, reason: sawCandidate ? 'mismatch' : 'malformed' };
}

function hmacHex(secret: string, timestamp: string, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}
