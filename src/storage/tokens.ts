import type { Database } from './db.js';

export interface TokenRecord {
  id: string;
  accountId: number | null;
  kind: 'admin' | 'account';
  label: string;
  createdAt: string;
  revokedAt: string | null;
  /** The setting this token came from (`FLOWHOOKS_ADMIN_TOKEN`, `FLOWHOOKS_WEBHOOK_TOKEN`), else null. */
  setting: string | null;
}

/** Settings that name a token; each has at most one live token (docs/operations.md "Tokens"). */
export type TokenSetting = 'FLOWHOOKS_ADMIN_TOKEN' | 'FLOWHOOKS_WEBHOOK_TOKEN';

export interface NewToken {
  id: string;
  accountId: number | null;
  kind: 'admin' | 'account';
  label: string;
  tokenHash: string;
  /** The setting it comes from; absent for tokens made through the API or CLI. */
  setting?: TokenSetting;
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
      ...(token.setting && { settings_name: token.setting }),
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

/** The token with this hash, live or revoked. */
export async function findTokenByHash(db: Database, tokenHash: string): Promise<{ id: string; revoked: boolean; setting: string | null } | undefined> {
  const row = await db.selectFrom('api_tokens').select(['id', 'revoked_at', 'settings_name']).where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? { id: row.id, revoked: row.revoked_at !== null, setting: row.settings_name } : undefined;
}

/** Marks a token as the one `setting` names (a token made before the setting named it). */
export async function markSettingsToken(db: Database, tokenId: string, setting: TokenSetting): Promise<void> {
  await db.updateTable('api_tokens').set({ settings_name: setting }).where('id', '=', tokenId).execute();
}

/**
 * Revokes every live token `setting` named before, except `keepId` (the one it
 * names now); returns their hashes for cache eviction.
 */
export async function revokeFormerSettingsTokens(db: Database, setting: TokenSetting, keepId: string, now: number): Promise<string[]> {
  const rows = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('settings_name', '=', setting)
    .where('id', '!=', keepId)
    .where('revoked_at', 'is', null)
    .returning('token_hash')
    .execute();
  return rows.map((row) => row.token_hash);
}

function toRecord(row: { id: string; account_id: number | null; kind: 'admin' | 'account'; label: string; created_at: number; revoked_at: number | null; settings_name: string | null }): TokenRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    label: row.label,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
    setting: row.settings_name,
  };
}

export async function listAccountTokens(db: Database, accountId: number): Promise<TokenRecord[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
  return rows.map(toRecord);
}

/** Admin tokens, live and revoked, oldest first (never the tokens themselves). */
export async function listAdminTokens(db: Database): Promise<TokenRecord[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('kind', '=', 'admin').orderBy('created_at').execute();
  return rows.map(toRecord);
}

export async function countLiveAdminTokens(db: Database): Promise<number> {
  const row = await db
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('kind', '=', 'admin')
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Revokes an admin token; returns its hash (for cache eviction) or undefined when not found. */
export async function revokeAdminToken(db: Database, tokenId: string, now: number): Promise<string | undefined> {
  const row = await db.selectFrom('api_tokens').select(['token_hash', 'revoked_at']).where('id', '=', tokenId).where('kind', '=', 'admin').executeTakeFirst();
  if (!row) return undefined;
  if (row.revoked_at === null) await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', tokenId).execute();
  return row.token_hash;
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
