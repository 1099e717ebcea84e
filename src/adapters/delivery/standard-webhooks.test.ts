import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSecret, sign, signedHeaders, verify } from './standard-webhooks.js';

const body = '{"type":"outbound.job.completed","data":{"jobId":"j1"}}';
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Standard Webhooks signing, checked with the standardwebhooks package', () => {
  it('makes secrets and signatures the receivers\' library accepts', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signedHeaders([secret], 'msg_1', nowSeconds(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('carries both signatures during a rotation: either secret verifies', () => {
    const [current, previous] = [generateSecret(), generateSecret()];
    const headers = signedHeaders([current, previous], 'msg_2', nowSeconds(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow();
  });

  it('verifies what the library signs, and refuses another secret, a changed body or a stale timestamp', () => {
    const secret = generateSecret();
    const library = new Webhook(secret);
    const now = new Date();
    const headers = { 'webhook-id': 'msg_3', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': library.sign('msg_3', now, body) };
    expect(verify([secret], headers, body, nowSeconds())).toEqual({ ok: true, id: 'msg_3' });
    expect(verify([generateSecret(), secret], headers, body, nowSeconds())).toEqual({ ok: true, id: 'msg_3' });
    expect(verify([generateSecret()], headers, body, nowSeconds())).toEqual({ ok: false, reason: 'no-matching-signature' });
    expect(verify([secret], headers, body.replace('j1', 'j2'), nowSeconds())).toEqual({ ok: false, reason: 'no-matching-signature' });
    expect(verify([secret], headers, body, nowSeconds() + 301)).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(verify([secret], { 'webhook-id': 'msg_3' }, body, nowSeconds())).toEqual({ ok: false, reason: 'missing-headers' });
  });

  it('signs exactly as the library does for the same message', () => {
    const secret = generateSecret();
    const when = new Date('2026-12-01T10:00:00Z');
    expect(sign(secret, 'msg_4', when.getTime() / 1000, body)).toBe(new Webhook(secret).sign('msg_4', when, body));
  });
});
