import { afterEach, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../test/support.js';
import { accountDefaults } from '../accounts/defaults.js';
import { AppError } from '../kernel/errors.js';
import { insertAccount } from '../storage/accounts.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../storage/db.js';
import { insertToken, revokeAdminToken } from '../storage/tokens.js';
import { authenticate } from './authenticate.js';
import { bearerToken, createTokenResolver, generateToken, hashToken } from './tokens.js';

describe('bearerToken', () => {
  it('reads the token of "Bearer <token>", the scheme in any case, spaces around it', () => {
    expect(bearerToken('Bearer abc123')).toBe('abc123');
    expect(bearerToken('bearer abc123')).toBe('abc123');
    expect(bearerToken('BEARER   abc123  ')).toBe('abc123');
  });

  it('refuses anything else: no header, another scheme, no token, two words, text before the scheme', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('')).toBeUndefined();
    expect(bearerToken('Basic abc123')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken('Bearer abc 123')).toBeUndefined();
    expect(bearerToken('x Bearer abc123')).toBeUndefined();
  });
});

describe('generateToken', () => {
  it('makes fh_ and 32 URL-safe characters, a new one each time', () => {
    const first = generateToken();
    expect(first).toMatch(/^fh_[A-Za-z0-9_-]{32}$/);
    expect(generateToken()).not.toBe(first);
  });
});

const targets = await databaseTargets();
const handles: DatabaseHandle[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (handles.length) await handles.pop()!.close();
  while (cleanups.length) await cleanups.pop()!();
});

describe.each(targets)('the token resolver on $name', (target) => {
  async function database() {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
    handles.push(handle);
    await migrateToLatest(handle, fresh.settings.DATABASE_SCHEMA);
    await insertAccount(handle.db, { ...accountDefaults, name: 'Account one' }, 1, 0);
    return handle.db;
  }

  it('answers admin and account principals, null for an unknown token', async () => {
    const db = await database();
    await insertToken(db, { id: 'a1', accountId: null, kind: 'admin', label: 'admin', tokenHash: hashToken('the-admin-token') }, 0);
    await insertToken(db, { id: 'w1', accountId: 1, kind: 'account', label: 'webhook', tokenHash: hashToken('the-account-token') }, 0);
    const resolver = createTokenResolver(db);
    expect(await resolver.resolve('the-admin-token')).toEqual({ kind: 'admin' });
    expect(await resolver.resolve('the-account-token')).toEqual({ kind: 'account', accountId: 1 });
    expect(await resolver.resolve('no-such-token')).toBeNull();
  });

  it('keeps answering a revoked token for its cache time on another node, evicting forgets it at once', async () => {
    const db = await database();
    await insertToken(db, { id: 'a1', accountId: null, kind: 'admin', label: 'admin', tokenHash: hashToken('first-admin-token') }, 0);
    await insertToken(db, { id: 'a2', accountId: null, kind: 'admin', label: 'admin', tokenHash: hashToken('second-admin-token') }, 0);
    let clock = 1_000;
    const otherNode = createTokenResolver(db, { ttlMs: 5_000, now: () => clock });
    const thisNode = createTokenResolver(db, { ttlMs: 5_000, now: () => clock });
    expect(await otherNode.resolve('first-admin-token')).toEqual({ kind: 'admin' });
    expect(await thisNode.resolve('first-admin-token')).toEqual({ kind: 'admin' });
    await revokeAdminToken(db, 'a1', 2_000);
    thisNode.evict(hashToken('first-admin-token'));
    expect(await thisNode.resolve('first-admin-token')).toBeNull();
    clock += 4_999;
    expect(await otherNode.resolve('first-admin-token')).toEqual({ kind: 'admin' });
    clock += 2;
    expect(await otherNode.resolve('first-admin-token')).toBeNull();
  });

  it('with a cache time of 0 reads every answer fresh', async () => {
    const db = await database();
    await insertToken(db, { id: 'a1', accountId: null, kind: 'admin', label: 'admin', tokenHash: hashToken('first-admin-token') }, 0);
    await insertToken(db, { id: 'a2', accountId: null, kind: 'admin', label: 'admin', tokenHash: hashToken('second-admin-token') }, 0);
    let clock = 1_000;
    const resolver = createTokenResolver(db, { ttlMs: 0, now: () => clock });
    expect(await resolver.resolve('first-admin-token')).toEqual({ kind: 'admin' });
    await revokeAdminToken(db, 'a1', 2_000);
    clock += 2;
    expect(await resolver.resolve('first-admin-token')).toBeNull();
  });

  it('authenticate: no token is trusted only when allowed; an unknown token is 401', async () => {
    const db = await database();
    await insertToken(db, { id: 'w1', accountId: 1, kind: 'account', label: 'webhook', tokenHash: hashToken('the-account-token') }, 0);
    const resolver = createTokenResolver(db);
    expect(await authenticate(undefined, resolver, { allowTrusted: true })).toEqual({ kind: 'trusted' });
    expect(await authenticate('Bearer the-account-token', resolver, { allowTrusted: true })).toEqual({ kind: 'account', accountId: 1 });
    const missing = await authenticate(undefined, resolver, { allowTrusted: false }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ code: 'UNAUTHORIZED', status: 401, message: 'Send "Authorization: Bearer <token>".' });
    const unknown = await authenticate('Bearer not-a-token', resolver, { allowTrusted: true }).catch((error: unknown) => error);
    expect(unknown).toMatchObject({ code: 'UNAUTHORIZED', status: 401, message: 'The bearer token is unknown or revoked.' });
  });
});
