import type { Database } from './db.js';

export interface TokenRecord {
  id: string;
  accountId: number | null;
  kind: 'admin' | 'account';
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewToken {
  id: string;
  accountId: number | null;
  kind: 'admin' | 'account';
  label: string;
  tokenHash: string;
}

export async function insertToken(db: Database, token: NewToken, now: number): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      account_id: token.accountId,
      kind: token.kind,
      label: token.label,
      token_hash: token.tokenHash,
      created_at: now,
      revoked_at: null,
    })
    .execute();
}

/** The live (not revoked) token with this hash. */
export async function findLiveTokenByHash(db: Database, tokenHash: string): Promise<{ id: string; accountId: number | null; kind: 'admin' | 'account' } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'account_id', 'kind'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, accountId: row.account_id, kind: row.kind } : undefined;
}

export async function tokenHashExists(db: Database, tokenHash: string): Promise<boolean> {
  const row = await db.selectFrom('api_tokens').select('id').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row !== undefined;
}

export async function listAccountTokens(db: Database, accountId: number): Promise<TokenRecord[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    label: row.label,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  }));
}

/** Revokes a token of the account; returns its hash (for cache eviction) or undefined when not found. */
export async function revokeAccountToken(db: Database, accountId: number, tokenId: string, now: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['token_hash', 'revoked_at'])
    .where('id', '=', tokenId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.revoked_at === null) {
    await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', tokenId).execute();
  }
  return row.token_hash;
}
