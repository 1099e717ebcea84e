import type { Database } from './db.js';

export interface TranslationKey {
  accountId: number;
  provider: string;
  /** Provider code, or `auto` when detecting. */
  source: string;
  target: string;
  textHash: string;
}

export interface CachedTranslation {
  translatedText: string;
  detectedSource: string | null;
}

export async function findTranslation(db: Database, key: TranslationKey, now: number): Promise<(CachedTranslation & { expiresAt: number }) | undefined> {
  const row = await db
    .selectFrom('translations')
    .select(['translated_text', 'detected_source', 'expires_at'])
    .where('account_id', '=', key.accountId)
    .where('provider', '=', key.provider)
    .where('source', '=', key.source)
    .where('target', '=', key.target)
    .where('text_hash', '=', key.textHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { translatedText: row.translated_text, detectedSource: row.detected_source, expiresAt: row.expires_at } : undefined;
}

export async function saveTranslation(db: Database, key: TranslationKey, value: CachedTranslation, now: number, expiresAt: number): Promise<void> {
  await db
    .insertInto('translations')
    .values({
      account_id: key.accountId,
      provider: key.provider,
      source: key.source,
      target: key.target,
      text_hash: key.textHash,
      translated_text: value.translatedText,
      detected_source: value.detectedSource,
      created_at: now,
      expires_at: expiresAt,
    })
    .onConflict((conflict) =>
      conflict.columns(['account_id', 'provider', 'source', 'target', 'text_hash']).doUpdateSet((eb) => ({
        translated_text: eb.ref('excluded.translated_text'),
        detected_source: eb.ref('excluded.detected_source'),
        created_at: eb.ref('excluded.created_at'),
        expires_at: eb.ref('excluded.expires_at'),
      })),
    )
    .execute();
}
