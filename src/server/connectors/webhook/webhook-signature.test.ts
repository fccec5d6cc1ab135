import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

// Reference values computed independently with
// `printf '%s' "$timestamp.$body" | openssl dgst -sha256 -hmac "$secret" -hex`.
const secret = 'opsloop-test-secret-0123';
const timestamp = 1767600000;
const body = '{"event":"ping","sentAt":"2026-01-05T08:00:00.000Z"}';
const expected = 'v1=03b1edb708215b8f42b5bdc51d85920e5716ba1723e96f08eef22bc99a9f047e';
const now = timestamp * 1000 + 10_000;

describe('signWebhook', () => {
  it('matches the reference HMAC-SHA256 of "timestamp.body"', () => {
    expect(signWebhook(secret, timestamp, body)).toBe(expected);
    expect(signWebhook(secret, String(timestamp), Buffer.from(body))).toBe(expected);
  });

  it('signs the UTF-8 bytes of non-ASCII bodies', () => {
    expect(signWebhook(secret, timestamp, '{"text":"你好 👋"}')).toBe(
      'v1=d60df3460df7daee27b910dda4129580e9c51f646732db1de0c97e7af3720e9e',
    );
  });
});

describe('verifyWebhookSignature', () => {
  const valid = { secret, timestamp: String(timestamp), signature: expected, body, now };

  it('accepts a genuine request within the time window', () => {
    expect(verifyWebhookSignature(valid)).toEqual({ ok: true });
    expect(verifyWebhookSignature({ ...valid, body: Buffer.from(body) })).toEqual({ ok: true });
  });

  it('rejects a tampered body, a wrong secret and a moved timestamp', () => {
    expect(verifyWebhookSignature({ ...valid, body: body.replace('ping', 'pong') })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature({ ...valid, secret: `${secret}x` })).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature({ ...valid, timestamp: String(timestamp + 1) })).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('rejects replays older than the tolerance and timestamps from the future', () => {
    const late = timestamp * 1000 + 301_000;
    expect(verifyWebhookSignature({ ...valid, now: late })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyWebhookSignature({ ...valid, now: late, toleranceSeconds: 600 })).toEqual({
      ok: true,
    });
    expect(verifyWebhookSignature({ ...valid, now: timestamp * 1000 - 301_000 })).toEqual({
      ok: false,
      reason: 'future',
    });
  });

  it('rejects malformed headers without throwing', () => {
    for (const patch of [
      { signature: undefined },
      { signature: '' },
      { signature: 'v0=abc' },
      { signature: 'v1=nothex' },
      { signature: expected.slice(0, -2) },
      { timestamp: undefined },
      { timestamp: '12e5' },
      { timestamp: '-1' },
    ]) {
      expect(verifyWebhookSignature({ ...valid, ...patch })).toMatchObject({ ok: false });
    }
  });

  it('accepts any one of several signatures (secret rotation)', () => {
    const other = signWebhook('another-secret-0123456', timestamp, body);
    expect(verifyWebhookSignature({ ...valid, signature: `${other}, ${expected}` })).toEqual({
      ok: true,
    });
    expect(verifyWebhookSignature({ ...valid, signature: other })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });
});
