import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, type TestApp } from '../../../test/support.js';
import { createTranslationCache, translationEntryBytes, translationRequest } from './service.js';

describe.each(await databaseTargets())('translations kept in memory on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(() => t.close());

  it('keeps only as many long translations in memory as its bytes allow, the latest; the rest are read from the database', async () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    // Twenty prompts of 5 000 characters (translateText's longest), translated into Devanagari.
    const texts = Array.from({ length: 20 }, (_, n) => `${String(n).padStart(2, '0')} ${'please hold the line '.repeat(237)}`);
    const translated = (n: number) => `${String(n).padStart(2, '0')} ${'कृपया लाइन पर बने रहें '.repeat(217)}`;
    const keys = texts.map((text) => translationRequest(1, 'google', 'en', 'hi', text));
    const memoryKey = `1\u0000google\u0000en\u0000hi\u0000${texts[0]!}`;
    const room = 10 * translationEntryBytes({ translatedText: translated(0), detectedSource: null }, memoryKey);
    const cache = createTranslationCache(t.database.db, 86_400_000, room);
    for (const [n, key] of keys.entries()) await cache.set(key, { translatedText: translated(n), detectedSource: null }, now);

    // What is in memory answers without the database: take the stored rows away.
    await t.database.db.deleteFrom('translations').execute();
    const answered = [];
    for (const [n, key] of keys.entries()) answered.push((await cache.get(key, now))?.translatedText === translated(n));
    expect(answered).toEqual([...Array<boolean>(10).fill(false), ...Array<boolean>(10).fill(true)]);
  });
});
