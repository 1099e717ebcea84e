/**
 * Languages flows name in translateText: English, the 22 languages of the
 * Eighth Schedule of India's constitution, and the languages both Google
 * Cloud Translation and LibreTranslate offer. `code` is what the providers
 * take (ISO 639-1 where one exists); `aliases` are other spellings flows use.
 */
export interface Language {
  code: string;
  name: string;
  aliases?: string[];
}

export const languages: readonly Language[] = [
  { code: 'en', name: 'English', aliases: ['Angrezi'] },
  // The 22 scheduled languages of India.
  { code: 'as', name: 'Assamese', aliases: ['Asamiya'] },
  { code: 'bn', name: 'Bengali', aliases: ['Bangla'] },
  { code: 'brx', name: 'Bodo' },
  { code: 'doi', name: 'Dogri' },
  { code: 'gu', name: 'Gujarati', aliases: ['Gujrati'] },
  { code: 'hi', name: 'Hindi' },
  { code: 'kn', name: 'Kannada', aliases: ['Kanada', 'Kannad'] },
  { code: 'ks', name: 'Kashmiri' },
  { code: 'gom', name: 'Konkani' },
  { code: 'mai', name: 'Maithili' },
  { code: 'ml', name: 'Malayalam', aliases: ['Malyalam'] },
  { code: 'mni-Mtei', name: 'Manipuri', aliases: ['Meitei', 'Meiteilon', 'mni'] },
  { code: 'mr', name: 'Marathi' },
  { code: 'ne', name: 'Nepali' },
  { code: 'or', name: 'Odia', aliases: ['Oriya', 'Odiya'] },
  { code: 'pa', name: 'Punjabi', aliases: ['Panjabi'] },
  { code: 'sa', name: 'Sanskrit' },
  { code: 'sat', name: 'Santali' },
  { code: 'sd', name: 'Sindhi' },
  { code: 'ta', name: 'Tamil' },
  { code: 'te', name: 'Telugu', aliases: ['Telgu', 'Telegu'] },
  { code: 'ur', name: 'Urdu' },
  // Offered by both providers.
  { code: 'ar', name: 'Arabic' },
  { code: 'az', name: 'Azerbaijani' },
  { code: 'bg', name: 'Bulgarian' },
  { code: 'ca', name: 'Catalan' },
  { code: 'zh', name: 'Chinese', aliases: ['Mandarin', 'zh-CN', 'zh-Hans', 'Chinese Simplified'] },
  { code: 'zh-TW', name: 'Chinese (Traditional)', aliases: ['zh-Hant', 'Chinese Traditional'] },
  { code: 'cs', name: 'Czech' },
  { code: 'da', name: 'Danish' },
  { code: 'nl', name: 'Dutch' },
  { code: 'eo', name: 'Esperanto' },
  { code: 'et', name: 'Estonian' },
  { code: 'fi', name: 'Finnish' },
  { code: 'fr', name: 'French' },
  { code: 'de', name: 'German' },
  { code: 'el', name: 'Greek' },
  { code: 'he', name: 'Hebrew', aliases: ['iw'] },
  { code: 'hu', name: 'Hungarian' },
  { code: 'id', name: 'Indonesian' },
  { code: 'ga', name: 'Irish' },
  { code: 'it', name: 'Italian' },
  { code: 'ja', name: 'Japanese' },
  { code: 'ko', name: 'Korean' },
  { code: 'lv', name: 'Latvian' },
  { code: 'lt', name: 'Lithuanian' },
  { code: 'ms', name: 'Malay' },
  { code: 'nb', name: 'Norwegian', aliases: ['no', 'Norwegian Bokmal'] },
  { code: 'fa', name: 'Persian', aliases: ['Farsi'] },
  { code: 'pl', name: 'Polish' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'ro', name: 'Romanian' },
  { code: 'ru', name: 'Russian' },
  { code: 'sk', name: 'Slovak' },
  { code: 'sl', name: 'Slovenian' },
  { code: 'es', name: 'Spanish' },
  { code: 'sq', name: 'Albanian' },
  { code: 'sv', name: 'Swedish' },
  { code: 'tl', name: 'Tagalog', aliases: ['Filipino', 'fil'] },
  { code: 'th', name: 'Thai' },
  { code: 'tr', name: 'Turkish' },
  { code: 'uk', name: 'Ukrainian' },
  { code: 'vi', name: 'Vietnamese' },
];

const byKey = new Map<string, Language>();
for (const language of languages) {
  for (const key of [language.code, language.name, ...(language.aliases ?? [])]) byKey.set(normalise(key), language);
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_]+/g, ' ');
}

/**
 * A language by name, alias or code, in any case: `Hindi`, `HINDI`, `hi`,
 * `Oriya`, `odia`, `Telgu`, `zh-CN`, `pt-BR` (a region falls back to its language).
 */
export function lookupLanguage(text: string): Language | undefined {
  const key = normalise(text);
  return byKey.get(key) ?? (/^[a-z]{2,3}-[a-z0-9]{2,4}$/.test(key) ? byKey.get(key.split('-')[0] as string) : undefined);
}

/** The English name of a code a provider detected (`hi` → `Hindi`); an unknown code is returned as it came. */
export function languageNameOfCode(code: string): string {
  return lookupLanguage(code)?.name ?? code;
}
