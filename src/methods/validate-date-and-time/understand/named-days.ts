/**
 * Days callers name instead of a date (docs/methods/validate-date-and-time.md, "Named days").
 *
 * Fixed-date days resolve on their own, to the next time they fall (today
 * included). Festivals move every year: they resolve only through the
 * account's own holiday calendar, matched by any of their spellings here or
 * by the words of the holiday's own name.
 */

/** Fixed-date national and common days: spellings → [month, day]. */
export const fixedDays: ReadonlyArray<readonly [names: readonly string[], month: number, day: number]> = [
  [['republic day', 'gantantra diwas', 'गणतंत्र दिवस', 'ganatantra diwas'], 1, 26],
  [['independence day', 'swatantrata diwas', 'स्वतंत्रता दिवस', 'azadi diwas', 'aazadi diwas'], 8, 15],
  [['gandhi jayanti', 'gandhi jayanthi', 'गांधी जयंती', 'gandhi jyanti'], 10, 2],
  [['christmas', 'christmas day', 'xmas', 'x mas', 'christmas eve day', 'bada din', 'बड़ा दिन', 'क्रिसमस', 'krismas', 'ख्रिसमस', 'नाताळ', 'ক্রিসমাস', 'বড়দিন', 'borodin', 'ક્રિસમસ', 'ਕ੍ਰਿਸਮਸ', 'கிறிஸ்துமஸ்', 'క్రిస్మస్', 'ಕ್ರಿಸ್ಮಸ್', 'ക്രിസ്മസ്', 'ଖ୍ରୀଷ୍ଟମାସ'], 12, 25],
  [['christmas eve', 'xmas eve'], 12, 24],
  [['new year', 'new years', 'new years day', 'new year day', 'new yr', 'new yrs', 'new yrs day', 'new yr day', 'naya saal', 'naye saal', 'nav varsh', 'नया साल', 'नए साल', 'नव वर्ष'], 1, 1],
  [['new years eve', 'new year eve', 'last day of the year', 'last day of this year', 'nye', 'new yrs eve', 'new yr eve', 'new years eve day'], 12, 31],
  [['childrens day', 'children day', 'bal diwas', 'बाल दिवस'], 11, 14],
  [['teachers day', 'teacher day', 'shikshak diwas', 'शिक्षक दिवस'], 9, 5],
  [['labour day', 'labor day', 'may day', 'workers day', 'mazdoor diwas'], 5, 1],
  [['ambedkar jayanti', 'ambedkar jayanthi', 'bhim jayanti', 'अंबेडकर जयंती'], 4, 14],
  [['womens day', 'women day', 'international womens day'], 3, 8],
  [['valentines day', 'valentine day', 'valentines'], 2, 14],
  [['maharashtra day', 'maharashtra din'], 5, 1],
  [['gujarat day', 'gujarat din'], 5, 1],
  [['kerala piravi', 'kerala day'], 11, 1],
  [['karnataka rajyotsava', 'kannada rajyotsava'], 11, 1],
  [['punjab day'], 11, 1],
  [['boxing day'], 12, 26],
];

/**
 * Festivals whose date moves: a key, then its spellings (romanised and native).
 * An account holiday whose name contains one of a key's spellings answers for that key.
 */
export const movableDays: ReadonlyArray<readonly [key: string, spellings: readonly string[]]> = [
  ['diwali', ['diwali', 'deepavali', 'dipawali', 'deepawali', 'divali', 'dipavali', 'diwaali', 'दिवाली', 'दीवाली', 'दीपावली', 'தீபாவளி', 'దీపావళి', 'ದೀಪಾವಳಿ', 'দীপাবলি', 'দিওয়ালি', 'દિવાળી', 'ਦੀਵਾਲੀ', 'दिवाळी', 'ദീപാവലി', 'ଦୀପାବଳି']],
  ['holi', ['holi', 'holika', 'होली', 'होळी', 'হোলি', 'দোল', 'দোলযাত্রা', 'dol jatra', 'હોળી', 'ਹੋਲੀ', 'ହୋଲି', 'dhulandi', 'dhuleti', 'rangwali holi', 'dol purnima', 'dol er din', 'doler din']],
  ['dussehra', ['dussehra', 'dasara', 'dasera', 'dussera', 'dashahara', 'vijayadashami', 'vijaya dashami', 'vijayadasami', 'दशहरा', 'दसरा', 'दसऱ्या', 'dasrya', 'विजयादशमी', 'দশেরা', 'દશેરા', 'ದಸರಾ', 'దసరా', 'ଦଶହରା']],
  ['navratri', ['navratri', 'navaratri', 'navarathri', 'नवरात्रि', 'नवरात्री']],
  ['durga puja', ['durga puja', 'durgapuja', 'durga pooja', 'pujo', 'durga ashtami', 'maha ashtami', 'दुर्गा पूजा', 'দুর্গাপূজা', 'দুর্গা পূজা', 'ଦୁର୍ଗାପୂଜା', 'ଦୁର୍ଗା ପୂଜା']],
  ['ganesh chaturthi', ['ganesh chaturthi', 'ganesh chathurthi', 'ganpati', 'ganapati', 'vinayaka chaturthi', 'vinayagar chaturthi', 'vinayaka chavithi', 'गणेश चतुर्थी', 'गणपती', 'গণেশ চতুর্থী', 'ગણેશ ચતુર્થી', 'వినాయక చవితి', 'ಗಣೇಶ ಚತುರ್ಥಿ']],
  ['eid ul fitr', ['eid ul fitr', 'eid al fitr', 'eid ul fiter', 'id ul fitr', 'ramzan eid', 'ramadan eid', 'meethi eid', 'idul fitr', 'eid', 'ईद', 'ramzan', 'ramjan', 'ঈদ', 'ઈદ', 'ਈਦ', 'ரம்ஜான்', 'రంజాన్', 'ರಂಜಾನ್', 'റംസാൻ', 'ଇଦ', 'ଈଦ']],
  ['eid ul adha', ['eid ul adha', 'eid al adha', 'bakrid', 'bakri eid', 'bakra eid', 'id ul zuha', 'idul zuha', 'eid ul zuha', 'बकरीद']],
  ['muharram', ['muharram', 'moharram', 'ashura', 'मुहर्रम']],
  ['good friday', ['good friday']],
  ['easter', ['easter']],
  ['pongal', ['pongal', 'thai pongal', 'பொங்கல்', 'பொங்கலுக்கு', 'pongalukku']],
  ['makar sankranti', ['makar sankranti', 'makara sankranti', 'sankranti', 'sankranthi', 'sakranti', 'uttarayan', 'मकर संक्रांति', 'संक्रांत', 'संक्रांती', 'মকর সংক্রান্তি', 'ઉત્તરાયણ', 'సంక్రాంతి', 'ಸಂಕ್ರಾಂತಿ', 'ମକର ସଂକ୍ରାନ୍ତି', 'ମକର']],
  // Lohri is the eve of Makar Sankranti, a day of its own.
  ['lohri', ['lohri', 'ਲੋਹੜੀ', 'लोहड़ी']],
  ['onam', ['onam', 'thiruvonam', 'ഓണം', 'തിരുവോണം', 'ഓണത്തിന്', 'onathinu']],
  ['raksha bandhan', ['raksha bandhan', 'rakshabandhan', 'rakhi', 'राखी', 'रक्षाबंधन', 'रक्षा बंधन']],
  ['janmashtami', ['janmashtami', 'janamashtami', 'krishna janmashtami', 'gokulashtami', 'krishna jayanti', 'जन्माष्टमी']],
  ['maha shivaratri', ['maha shivaratri', 'mahashivratri', 'maha shivratri', 'shivratri', 'shivaratri', 'महाशिवरात्रि', 'शिवरात्रि']],
  ['ram navami', ['ram navami', 'rama navami', 'ramnavami', 'राम नवमी']],
  ['mahavir jayanti', ['mahavir jayanti', 'mahaveer jayanti', 'महावीर जयंती']],
  ['buddha purnima', ['buddha purnima', 'budh purnima', 'vesak', 'बुद्ध पूर्णिमा']],
  ['guru nanak jayanti', ['guru nanak jayanti', 'gurunanak jayanti', 'guru nanak dev jayanti', 'gurpurab', 'guru purab', 'gurupurab', 'गुरु नानक जयंती', 'ਗੁਰਪੁਰਬ']],
  ['ugadi', ['ugadi', 'yugadi', 'gudi padwa', 'gudhi padwa', 'gudi padva', 'gudhipadva', 'gudhipadvya', 'गुढीपाडवा', 'गुढी पाडवा', 'गुढीपाडव्या', 'ಯುಗಾದಿ', 'ఉగాది']],
  ['baisakhi', ['baisakhi', 'vaisakhi', 'ਵਿਸਾਖੀ', 'ਵੈਸਾਖੀ']],
  ['bihu', ['bihu', 'rongali bihu', 'bohag bihu']],
  ['chhath', ['chhath', 'chhath puja', 'chath puja', 'छठ']],
  ['karwa chauth', ['karwa chauth', 'karva chauth', 'करवा चौथ']],
  ['bhai dooj', ['bhai dooj', 'bhaiya dooj', 'bhau beej', 'bhai phonta', 'भाई दूज']],
  ['govardhan puja', ['govardhan puja', 'govardhan pooja', 'annakut']],
  ['dhanteras', ['dhanteras', 'dhanatrayodashi', 'धनतेरस']],
  ['vishu', ['vishu']],
  ['milad un nabi', ['milad un nabi', 'eid e milad', 'id e milad', 'mawlid', 'barawafat']],
  ['shab e barat', ['shab e barat', 'shab-e-barat']],
];
