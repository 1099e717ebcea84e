/**
 * Languages flows name in translateText: English, the 22 languages of the
 * Eighth Schedule of India's constitution, and the languages both Google
 * Cloud Translation and LibreTranslate offer. `code` is what the providers
 * take (ISO 639-1 where one exists); `aliases` are other spellings flows use:
 * common misspellings, ISO 639-2/3 codes and the language's own name in its script.
 */
export interface Language {
  code: string;
  name: string;
  aliases?: string[];
}

export const languages: readonly Language[] = [
  { code: 'en', name: 'English', aliases: ['Angrezi', 'eng', 'अंग्रेज़ी', 'अंग्रेजी', 'इंग्लिश'] },
  // The 22 scheduled languages of India.
  { code: 'as', name: 'Assamese', aliases: ['Asamiya', 'asm', 'অসমীয়া'] },
  { code: 'bn', name: 'Bengali', aliases: ['Bangla', 'ben', 'বাংলা'] },
  { code: 'brx', name: 'Bodo', aliases: ['बड़ो', 'बर\''] },
  { code: 'doi', name: 'Dogri', aliases: ['डोगरी'] },
  { code: 'gu', name: 'Gujarati', aliases: ['Gujrati', 'guj', 'ગુજરાતી'] },
  { code: 'hi', name: 'Hindi', aliases: ['hin', 'हिन्दी', 'हिंदी'] },
  { code: 'kn', name: 'Kannada', aliases: ['Kanada', 'Kannad', 'kan', 'ಕನ್ನಡ'] },
  { code: 'ks', name: 'Kashmiri', aliases: ['kas', 'कॉशुर', 'کٲشُر'] },
  { code: 'gom', name: 'Konkani', aliases: ['kok', 'कोंकणी'] },
  { code: 'mai', name: 'Maithili', aliases: ['मैथिली'] },
  { code: 'ml', name: 'Malayalam', aliases: ['Malyalam', 'mal', 'മലയാളം'] },
  { code: 'mni-Mtei', name: 'Manipuri', aliases: ['Meitei', 'Meiteilon', 'mni', 'মৈতৈলোন্'] },
  { code: 'mr', name: 'Marathi', aliases: ['mar', 'मराठी'] },
  { code: 'ne', name: 'Nepali', aliases: ['nep', 'npi', 'नेपाली'] },
  { code: 'or', name: 'Odia', aliases: ['Oriya', 'Odiya', 'ori', 'ory', 'ଓଡ଼ିଆ'] },
  { code: 'pa', name: 'Punjabi', aliases: ['Panjabi', 'pan', 'ਪੰਜਾਬੀ'] },
  { code: 'sa', name: 'Sanskrit', aliases: ['san', 'संस्कृतम्', 'संस्कृत'] },
  { code: 'sat', name: 'Santali', aliases: ['ᱥᱟᱱᱛᱟᱲᱤ'] },
  { code: 'sd', name: 'Sindhi', aliases: ['snd', 'سنڌي', 'सिन्धी'] },
  { code: 'ta', name: 'Tamil', aliases: ['tam', 'தமிழ்'] },
  { code: 'te', name: 'Telugu', aliases: ['Telgu', 'Telegu', 'tel', 'తెలుగు'] },
  { code: 'ur', name: 'Urdu', aliases: ['urd', 'اردو'] },
  // Offered by both providers.
  { code: 'ar', name: 'Arabic', aliases: ['ara', 'العربية'] },
  { code: 'az', name: 'Azerbaijani' },
  { code: 'bg', name: 'Bulgarian' },
  { code: 'ca', name: 'Catalan' },
  { code: 'zh', name: 'Chinese', aliases: ['Mandarin', 'zh-CN', 'zh-Hans', 'Chinese Simplified', 'zho', 'chi', '中文'] },
  { code: 'zh-TW', name: 'Chinese (Traditional)', aliases: ['zh-Hant', 'Chinese Traditional'] },
  { code: 'cs', name: 'Czech' },
  { code: 'da', name: 'Danish' },
  { code: 'nl', name: 'Dutch', aliases: ['nld', 'dut', 'Nederlands'] },
  { code: 'eo', name: 'Esperanto' },
  { code: 'et', name: 'Estonian' },
  { code: 'fi', name: 'Finnish' },
  { code: 'fr', name: 'French', aliases: ['fra', 'fre', 'Français'] },
  { code: 'de', name: 'German', aliases: ['deu', 'ger', 'Deutsch'] },
  { code: 'el', name: 'Greek', aliases: ['ell', 'gre', 'Ελληνικά'] },
  { code: 'he', name: 'Hebrew', aliases: ['iw', 'heb', 'עברית'] },
  { code: 'hu', name: 'Hungarian' },
  { code: 'id', name: 'Indonesian', aliases: ['ind', 'Bahasa Indonesia'] },
  { code: 'ga', name: 'Irish' },
  { code: 'it', name: 'Italian', aliases: ['ita', 'Italiano'] },
  { code: 'ja', name: 'Japanese', aliases: ['jpn', '日本語'] },
  { code: 'ko', name: 'Korean', aliases: ['kor', '한국어'] },
  { code: 'lv', name: 'Latvian' },
  { code: 'lt', name: 'Lithuanian' },
  { code: 'ms', name: 'Malay', aliases: ['msa', 'may', 'Bahasa Melayu'] },
  { code: 'nb', name: 'Norwegian', aliases: ['no', 'Norwegian Bokmal'] },
  { code: 'fa', name: 'Persian', aliases: ['Farsi', 'fas', 'per', 'فارسی'] },
  { code: 'pl', name: 'Polish', aliases: ['pol', 'Polski'] },
  { code: 'pt', name: 'Portuguese', aliases: ['por', 'Português'] },
  { code: 'ro', name: 'Romanian' },
  { code: 'ru', name: 'Russian', aliases: ['rus', 'Русский'] },
  { code: 'sk', name: 'Slovak' },
  { code: 'sl', name: 'Slovenian' },
  { code: 'es', name: 'Spanish', aliases: ['spa', 'Español'] },
  { code: 'sq', name: 'Albanian' },
  { code: 'sv', name: 'Swedish' },
  { code: 'tl', name: 'Tagalog', aliases: ['Filipino', 'fil'] },
  { code: 'th', name: 'Thai', aliases: ['tha', 'ไทย'] },
  { code: 'tr', name: 'Turkish', aliases: ['tur', 'Türkçe'] },
  { code: 'uk', name: 'Ukrainian', aliases: ['ukr', 'Українська'] },
  { code: 'vi', name: 'Vietnamese', aliases: ['vie', 'Tiếng Việt'] },
];

const byKey = new Map<string, Language>();
for (const language of languages) {
  for (const key of [language.code, language.name, ...(language.aliases ?? [])]) byKey.set(normalise(key), language);
}

/** Case, spaces and Unicode form aside; a locale's `_` is its `-` (`en_US` is `en-US`). */
function normalise(text: string): string {
  const key = text.normalize('NFC').trim().toLowerCase();
  return /^[a-z]{2,3}_[a-z0-9]{2,4}$/.test(key) ? key.replace('_', '-') : key.replace(/[\s_]+/g, ' ');
}

/**
 * A language by name, alias or code, in any case: `Hindi`, `HINDI`, `hi`,
 * `hin`, `हिंदी`, `Oriya`, `odia`, `Telgu`, `zh-CN`, `pt-BR`, `en_US` (a region
 * falls back to its language).
 */
export function lookupLanguage(text: string): Language | undefined {
  const key = normalise(text);
  return byKey.get(key) ?? (/^[a-z]{2,3}-[a-z0-9]{2,4}$/.test(key) ? byKey.get(key.split('-')[0] as string) : undefined);
}

const englishNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * The English name of a code a provider detected (docs/methods/translate-text.md "Languages"):
 * the table's name (`hi` → `Hindi`), else the language's English name (Google's `jw` →
 * `Javanese`); empty for `und`, Google's "could not tell". A code no one knows is returned as it came.
 */
export function languageNameOfCode(code: string): string {
  if (code === '' || code.toLowerCase() === 'und') return '';
  const known = lookupLanguage(code)?.name;
  if (known) return known;
  try {
    return englishNames.of(code) ?? code;
  } catch {
    // Not a language tag at all (RangeError).
    return code;
  }
}
