import type { LanguageTable } from './table.js';

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const ones = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const ordinals = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const tens: Array<[string, string, number]> = [
  ['twenty', 'twentieth', 20],
  ['thirty', 'thirtieth', 30],
  ['forty', 'fortieth', 40],
  ['fifty', 'fiftieth', 50],
  ['sixty', 'sixtieth', 60],
  ['seventy', 'seventieth', 70],
  ['eighty', 'eightieth', 80],
  ['ninety', 'ninetieth', 90],
];

/** A negation said of a day's suitability: "not possible", "won't work", "isn't good for me". */
const negations = ['not', 'no', 'dont', 'do not', 'cant', 'cannot', 'can not', 'wont', 'will not', 'doesnt', 'does not', 'isnt', 'is not', 'aint', 'wouldnt', 'would not', 'am not', 'im not'];
const suitable = ['good', 'fine', 'ok', 'okay', 'possible', 'available', 'free', 'convenient', 'suitable', 'work', 'works', 'suit', 'suits', 'doable', 'great', 'ideal', 'right'];
const notFine: ReadonlyArray<readonly [string, string]> = [
  ['isnt', 'notfine'],
  ['is not', 'notfine'],
  ['aint', 'notfine'],
  ...negations.flatMap((negation) => ['', 'be ', 'really ', 'very ', 'that ', 'be really '].flatMap((between) => suitable.map((word) => [`${negation} ${between}${word}`, 'notfine'] as const))),
];

/** The caller saying where they are or will be: "i'm at my in-laws place", "we will be at the bank". */
const selves = ['im', 'i am', 'ill be', 'i will be', 'i would be', 'will be', 'we are', 'we will be'];
/**
 * Denies the day (`notfine`): unsuitability said without a denial word or with one about the caller ("busy tomorrow",
 * "i won't be home tomorrow", "no time today"). Like "not possible", it denies the day it is said of.
 */
const unavailable = [
  'busy', 'very busy', 'bit busy', 'a bit busy', 'hectic', 'tied up', 'out of station', 'out of town', 'out of office', 'travelling', 'traveling',
  'have a meeting', 'have meeting', 'have meetings', 'have an appointment', 'on leave', 'on holiday', 'no time', 'have no time',
  // An everyday reason to be away that day: "my exam is on friday, call me saturday", "tomorrow i am in hospital, call monday".
  'have an exam', 'have exam', 'have exams', 'exam is on', 'exams are on', 'have a function', 'have an interview', 'have a wedding', 'have to attend a wedding',
  'in hospital', 'in the hospital', 'on duty', 'going out', 'going to my village', 'going to my hometown', 'going to my native', 'going to my native place',
  'shifting house', 'moving house', 'is my wedding', 'getting married', 'getting engaged',
  // Probe round 10: an appointment elsewhere ("tomorrow i have a doctor's appointment so call me on saturday"), work or
  // driving that day ("office work tomorrow, saturday works", "today i'm driving, call me tomorrow morning"), an exam or a
  // festival said of the day ("my son's exam is tomorrow", "friday is a festival at our place"), an occasion of one's own
  // ("the 20th is my anniversary, so the 21st").
  ...['a', 'an', 'my'].flatMap((a) => ['doctors', 'doctor', 'dentist', 'dentists', 'hospital', 'medical', 'clinic', 'bank', 'court', 'visa', 'passport', 'eye', 'physio']
    .map((where) => `have ${a} ${where} appointment`)),
  'office work', 'have office work', 'have work', 'driving', 'will be driving', 'exam is', 'exams are', 'exam is there', 'is a festival', 'is festival', 'is a function', 'have a festival',
  ...['anniversary', 'birthday', 'engagement', 'exam', 'interview', 'surgery', 'operation', 'flight', 'function', 'marriage'].flatMap((occasion) => [`is my ${occasion}`, `is our ${occasion}`]),
  // Being somewhere that day, said of oneself ("i'm at my in-laws place", "tomorrow i'll be at the bank", "i'm in a
  // meeting the whole day tomorrow"); at home or in town is no absence (below).
  ...selves.flatMap((am) => ['at my', 'at the', 'at a', 'in a', 'at our'].map((where) => `${am} ${where}`)),
  // At work said of oneself ("tomorrow i'm at work, call friday"); "call me at work tomorrow" names no absence.
  ...['im', 'i am', 'ill be', 'i will be', 'i would be', 'will be'].flatMap((am) => ['at work', 'at office', 'in office', 'in the office', 'at the office', 'on shift', 'working'].map((where) => `${am} ${where}`)), ...['daughters', 'sons', 'sisters', 'brothers', 'cousins', 'friends'].map((whose) => `is my ${whose} wedding`),
  ...negations.flatMap((negation) =>
    ['sure about', 'so sure about', 'home', 'at home', 'be home', 'be at home', 'be there', 'be around', 'be in town', 'in town', 'around', 'reachable', 'be reachable', 'have time', 'have any time', 'get time', 'talk', 'be able to talk'].map((what) => `${negation} ${what}`)),
];
/**
 * A call refused without "not" right before the day (probe round 10): "no calls tomorrow please", "i don't want a call
 * tomorrow", "i do not want you to call on monday", "please avoid friday". Read as `not`, which denies the day after it.
 * "no call" only before the day itself: "no call me tomorrow" is a recogniser's "no, call me tomorrow".
 */
const refusedCall = [
  ...negations.flatMap((negation) => ['want', 'need', 'wish', 'wanna'].flatMap((want) =>
    ['a call', 'any call', 'any calls', 'calls', 'a callback', 'any callback', 'you to call', 'you to call me', 'anyone to call', 'to be called', 'to be disturbed', 'to get a call', 'a call from you']
      .map((what) => `${negation} ${want} ${what}`))),
  ...['no calls', 'no calling', 'no phone call', 'no phone calls', 'no callback', 'no callbacks', 'no call back', 'no call on', 'no calls on', 'no call please'],
  ...['today', 'tonight', 'tomorrow', 'tmrw', 'this', 'next', ...weekdays].map((day) => `no call ${day}`),
  ...['avoid', 'please avoid', 'pls avoid', 'kindly avoid'].flatMap((avoid) => ['', ' calling', ' calling me', ' calling on', ' calling me on', ' a call on', ' calls on'].map((what) => `${avoid}${what}`)),
  'skip', 'do not disturb', 'dont disturb',
];
/** A choice of one day over another: "friday instead of tomorrow" denies the day after it, as `not` does. */
const insteadOf = ['instead of', 'rather than', 'in place of', 'than', 'neither', 'nor', 'apart from', 'except', 'except for', 'excluding', 'besides'];
/**
 * A negation about something else denies no day: "not sure, maybe tomorrow", "tomorrow is not a problem", "why not
 * friday", "don't forget to call tomorrow". Each word is joined to every negation.
 */
const aboutElse = ['a problem', 'an issue', 'a big deal', 'problem', 'issue', 'bad', 'a bad idea', 'forget', 'miss', 'worry', 'hesitate', 'at work', 'in office', 'in the office', 'at office', 'working', 'busy', 'occupied', 'engaged', 'travelling', 'traveling', 'sure', 'so sure', 'really sure'];
/** "no" about something else: "no problem", "tomorrow evening no issue". */
const noAbout = ['no problem', 'no issue', 'no issues', 'no worries', 'no problems', 'no doubt'];
/**
 * What an ordinal counts when it is no day of a month: "the second time", "3rd floor", "on second thought", "my 2nd
 * number" (lexicon.ts reads an ordinal before one of these as an unknown word).
 */
export const countedByOrdinal = new Set([
  'floor', 'year', 'number', 'thought', 'thoughts', 'attempt', 'try', 'class', 'standard', 'std', 'shift',
  'wave', 'round', 'option', 'choice', 'preference', 'cross', 'main', 'block', 'phase', 'stage', 'reminder', 'dose', 'semester', 'sem',
  'person', 'child', 'son', 'daughter', 'grade', 'opinion', 'place', 'prize', 'rank', 'innings', 'installment', 'instalment', 'emi',
  'house', 'flat', 'room', 'gate', 'lane', 'street', 'road', 'sector', 'phone', 'mobile', 'sim', 'message', 'chance', 'team',
]);
/**
 * A part of the day that names something else sets no time: "i do night shift, call tomorrow at 2" is 14:00,
 * "tomorrow at 3, after my morning meeting" 15:00, "call tomorrow, i have evening classes" the date alone.
 */
const partsOfSomethingElse = ['morning', 'afternoon', 'evening', 'night', 'nite'].flatMap((part) =>
  ['shift', 'shifts', 'duty', 'duties', 'class', 'classes', 'meeting', 'meetings', 'walk', 'job', 'watchman', 'guard', 'school', 'college',
    'tuition', 'tuitions', 'prayer', 'prayers', 'show', 'flight', 'train', 'bus', 'routine', 'schedule', 'session', 'batch', 'worker', 'person']
    .map((thing) => `${part} ${thing}`),
);
/** Saying when one sleeps or works is no call time: "call me tomorrow at 2, i sleep at night". */
const habits = ['sleep', 'sleeps', 'sleeping', 'work', 'works', 'working'].flatMap((verb) => ['at night', 'in the night', 'in the morning', 'in the evening', 'in the afternoon', 'nights', 'mornings', 'evenings'].map((part) => `${verb} ${part}`));
/**
 * Moving a call from one day to another names the old day to deny: "move it from tomorrow to saturday" is Saturday,
 * "shift it from 10th to 12th" the 12th; "cancel friday, book monday" Monday.
 */
const moveFrom = ['move', 'shift', 'postpone', 'prepone', 'reschedule', 'change', 'push', 'bring'].flatMap((verb) =>
  ['', 'it ', 'this ', 'that ', 'my appointment ', 'the appointment ', 'my call ', 'the call ', 'my booking ', 'the booking ', 'my meeting ', 'the meeting ', 'my slot ', 'the slot ']
    .map((what) => `${verb} ${what}from`),
);
/** Verbs of contact said in the past ("you called me", "we spoke"), with "got"/"sent" only before their object. */
const pastContact = [
  'called', 'rang', 'phoned', 'spoke', 'spoken', 'talked', 'messaged', 'texted', 'emailed', 'mailed', 'received', 'recieved', 'visited', 'came', 'happened', 'delivered', 'met',
  ...['a', 'an', 'the', 'your', 'my', 'this', 'that', 'one', 'ur'].map((what) => `got ${what}`),
  // "sent" is typed for "send" ("pls sent the technician tomorrow"), and "missed your call" is often said before asking for
  // another ("i missed your call please call me tomorrow"): only with the day's "on".
  ...['sent', 'sent it', 'sent me', 'sent us', 'sent them', 'missed', 'missed a call', 'missed your call', 'missed the call', 'missed call', 'missed ur call'].map((what) => `${what} on`),
  ...['didnt', 'did not', 'never', 'nobody', 'no one', 'noone', 'did you', 'did anyone', 'did someone', 'you didnt', 'you did not'].flatMap((who) => ['call', 'called', 'come', 'came', 'ring', 'rang', 'visit', 'turn up', 'show up']
    .map((verb) => `${who} ${verb}`)),
];
/** "to be called", "get called on friday": a call asked for, not one that went by. */
const calledAskedFor = ['be called', 'get called', 'being called', 'be contacted', 'get a call', 'be rang'];

/**
 * A day said of something that happened, or of something else than a call, names no day to call: "the technician
 * came on 1st dec", "my appointment was on monday but nobody came", "my birthday is 10 dec", "are you open on
 * saturday". Denied like an unavailable day, so such a text alone is refused and another day said beside it stands.
 */
const pastOrOther = [
  'was on', 'were on', 'came on', 'paid on', 'complained on', 'visited on', 'happened on', 'delivered on', 'born on', 'birthday is',
  'expires on', 'expired on', 'open on', 'closed on', 'close on',
  // A call, message or visit that went by (probe round 10): "you called on saturday", "we spoke on friday", "i got the sms
  // on the 5th", "nobody called on monday". A verb of contact in the past tense denies the day of its clause, as "busy"
  // does; "got" only before what was got ("i got time on friday" asks).
  ...pastContact,
  // Told or meant to happen before ("i was told to call on the 5th but nobody called", "you were supposed to come on monday").
  ...['was', 'were'].flatMap((was) => ['told', 'supposed to', 'scheduled', 'scheduled for', 'booked for', 'fixed for', 'promised'].map((what) => `${was} ${what}`)),
  // Questions about the business, not a day to call on: "are you open tomorrow", "are you working on sunday", "what time
  // do you close today", "is tomorrow a holiday", "what day is it today".
  ...['are you', 'is it', 'is the office', 'is your office', 'is the shop', 'is your shop', 'will you be', 'will it be', 'is the branch', 'is your branch', 'office', 'shop', 'store', 'branch', 'you']
    .flatMap((who) => ['open', 'opened', 'closed', 'working', 'shut'].map((state) => `${who} ${state}`)),
  ...['do you', 'will you', 'does it', 'does the office', 'does your office', 'when do you', 'what time do you'].flatMap((who) => ['open', 'close', 'work', 'shut'].map((verb) => `${who} ${verb}`)),
  'is a holiday', 'is holiday', 'a holiday', 'is a public holiday', 'is a bank holiday',
  ...['what day is it', 'which day is it', 'what day is', 'which day is', 'what is the date', 'whats the date', 'what date is it', 'what is the day', 'whats the day', 'what is today', 'whats today'],
  // A date of something else than a call ("my bill date is 15th", "my due date is 20th december", "my salary comes on
  // the 1st", "my emi is due on the 5th"); "my appointment date is the 20th" and "my preferred date is" still ask for one.
  ...['bill', 'billing', 'due', 'expiry', 'renewal', 'payment', 'emi', 'salary', 'recharge', 'birth', 'exam', 'wedding', 'marriage', 'joining', 'rent', 'fee', 'fees', 'installment', 'instalment', 'pension']
    .flatMap((what) => [`${what} date`, `${what} date is`, `${what} day`, `${what} day is`, `${what} is on`, `${what} is due`, `${what} comes`, `${what} comes on`, `${what} is credited`, `${what} gets credited`, `${what} credited`]),
  'date of birth', 'is due', 'due on', 'credited on',
];
/** Greetings name no part of the day: "good evening, tomorrow at 11" is 11:00. */
const greetings = ['good', 'gud', 'very good'].flatMap((good) => ['morning', 'mrng', 'afternoon', 'evening', 'evng', 'eve', 'night', 'nite', 'day'].map((part) => `${good} ${part}`));

/** English: names, abbreviations, number words, relative words and the fillers of a spoken or typed request. */
export const english: LanguageTable = {
  language: 'English',
  phrases: [
    ...months.map((month) => [month, month] as const),
    ...months.map((month) => [month.slice(0, 3), month] as const),
    ['sept', 'september'],
    ['febuary', 'february'],
    ...weekdays.map((day) => [day, day] as const),
    // "sat", "sun" and "wed" are words too: `?` marks a name read only when no unknown word stands beside it ("i sat down").
    ...weekdays.map((day) => [day.slice(0, 3), ['sat', 'sun', 'wed'].includes(day.slice(0, 3)) ? `?${day}` : day] as const),
    // After a subject they are verbs: "i sat there", "they wed in may".
    ...['i', 'we', 'you', 'he', 'she', 'they'].flatMap((subject) => [[`${subject} sat`, '_'] as const, [`${subject} wed`, '_'] as const]),
    ['tues', 'tuesday'],
    ['weds', 'wednesday'],
    ['thur', 'thursday'],
    ['thurs', 'thursday'],
    // A recurring or vague time names no one day (probe round 10): "every monday", "every weekend", "on mondays", "weekends
    // only", "maybe sometime next week". `vague` before a day leaves it none (grammar.ts); "monday's fine" stays Monday.
    ['every', 'vague'],
    ...['alternate', 'every alternate', 'every other', 'on alternate'].map((phrase) => [phrase, 'vague'] as const),
    // Typed as one word: "dayaftr tmrw" (probe round 11).
    ...['dayafter', 'dayaftr', 'dayafter tomorrow'].map((word) => [word, word === 'dayafter tomorrow' ? 'overmorrow' : 'day after'] as const),
    ...[...weekdays, 'weekend'].flatMap((day) => [`on ${day}s`, `${day}s only`, `only ${day}s`, `only on ${day}s`, `all ${day}s`].map((said) => [said, `vague ${day}`] as const)),
    ...['sometime', 'some time', 'someday', 'some day', 'one day'].flatMap((some) => ['next week', 'next month', 'this month', 'in the next week', 'in the coming week'].map((when) => [`${some} ${when}`, `vague ${when.replace(/^in the /, '').replace('coming', 'next')}`] as const)),
    // "today and tomorrow", "tomorrow and thursday": days joined by "and", denied together by one denial (grammar.ts).
    ...['today', 'tomorrow', 'day after tomorrow', ...weekdays].flatMap((first) => ['today', 'tomorrow', 'day after tomorrow', 'the day after tomorrow', ...weekdays].filter((second) => second !== first)
      .map((second) => [`${first} and ${second}`, `${first.replace('day after tomorrow', 'overmorrow')} andalso ${second.replace(/^(the )?day after tomorrow$/, 'overmorrow')}`] as const)),
    // "tomorrow and the day after": the day after the day said.
    ['today and the day after', 'today andalso tomorrow'],
    ['tomorrow and the day after', 'tomorrow andalso overmorrow'],
    ['mondays', 'monday'],
    ['tuesdays', 'tuesday'],
    ['wednesdays', 'wednesday'],
    ['thursdays', 'thursday'],
    ['fridays', 'friday'],
    ['saturdays', 'saturday'],
    ['sundays', 'sunday'],
    ...ones.map((word, value) => [word, String(value)] as const),
    ...ordinals.map((word, value) => [word, `${value}th`] as const),
    ...tens.flatMap(([cardinal, ordinal, value]) => [[cardinal, String(value)] as const, [ordinal, `${value}th`] as const]),
    ['hundred', 'hundred'],
    ['thousand', 'thousand'],
    ['a', '~1'],
    ['an', '~1'],
    ['today', 'today'],
    ['todays', 'today'],
    ['tonight', 'today night'],
    ['this morning', 'today morning'],
    ['this afternoon', 'today afternoon'],
    ['this evening', 'today evening'],
    ['later today', 'today'],
    ['a week today', '1 week later'],
    ['week today', '1 week later'],
    // British "tomorrow week", "friday week": a week after that day, as "a week tomorrow" (fri, sat… too: "sat week").
    ['tomorrow week', '1 week from tomorrow'],
    ...weekdays.flatMap((day) => [day, day.slice(0, 3)].map((name) => [`${name} week`, `1 week from ${day}`] as const)),
    ['a week from today', '1 week later'],
    ['later tonight', 'today night'],
    ['weekend', 'weekend'],
    ['weekends', 'weekend'],
    // Chat shorthand (probe round 10): "wknd", "nxt wkend"; "tom 4pm", "thr 5pm" only before a clock ("tom" and "thr" are
    // a name and "there" too: table.ts `!`).
    ...['wknd', 'wkend', 'weeknd', 'wkends', 'wknds', 'wkned'].map((word) => [word, 'weekend'] as const),
    ['tom', '!tomorrow'],
    ['thr', '!thursday'],
    ['thrs', '!thursday'],
    ['end of', 'last day of'],
    ['beginning of', '1th day of'],
    ['start of', '1th day of'],
    ['mid', 'middle'],
    ['middle', 'middle'],
    ['midweek', 'middle this week'],

    ['month end', 'last day of this month'],
    // "next working day": the day after today, which the account's calendar then moves past any day off (rules.ts).
    ...['next working day', 'next business day', 'the next working day', 'the next business day', 'next weekday'].map((phrase) => [phrase, 'tomorrow'] as const),
    // Office English: the first half of the day is the morning, the second the afternoon.
    ...['first half', '1st half', 'first half of the day'].map((phrase) => [phrase, 'morning'] as const),
    ...['second half', '2nd half', 'second half of the day', 'post lunch'].map((phrase) => [phrase, 'afternoon'] as const),
    // Indian English "last date of the month", "month last date".
    ['last date of', 'last day of'],
    ['the last date of', 'last day of'],
    ['month last date', 'last day of this month'],
    ['month end date', 'last day of this month'],
    ['month last day', 'last day of this month'],
    ['couple of', '~2'],
    ['a couple of', '~2'],
    ['a couple', '~2'],
    ['tomorrow', 'tomorrow'],
    ['tomorrows', 'tomorrow'],
    ['tmrw', 'tomorrow'],
    ['tmr', 'tomorrow'],
    ['tmrow', 'tomorrow'],
    ['tmw', 'tomorrow'],
    ['tomo', 'tomorrow'],
    ['2moro', 'tomorrow'],
    ['2morow', 'tomorrow'],
    ['tomm', 'tomorrow'],
    ['2morrow', 'tomorrow'],
    ['2mrw', 'tomorrow'],
    ...['2mor', '2morro', '2moroo', '2mro', '2mrow', '2morw', 'tmro', 'tmrww'].map((chat) => [chat, 'tomorrow'] as const),
    ['day after tomorrow', 'overmorrow'],
    ['the day after tomorrow', 'overmorrow'],
    ['day after tmrw', 'overmorrow'],
    ['day after tmr', 'overmorrow'],
    ['overmorrow', 'overmorrow'],
    ['next', 'next'],
    ['nxt', 'next'],
    ['following', 'next'],
    ['this', 'this'],
    ['coming', 'coming'],
    ['upcoming', 'coming'],
    ['this coming', 'coming'],
    // "nxt" is "next" inside these phrases too.
    ...['next to next', 'next after next', 'nxt to nxt', 'next to nxt', 'nxt to next', 'nxt after nxt', 'next after nxt', 'nxt after next'].map((phrase) => [phrase, 'next next'] as const),
    ['last', 'last'],
    ['final', 'last'],
    ['of', 'of'],
    ['the', 'the'],
    ['on', 'on'],
    ['after', 'after'],
    ['before', 'before'],
    ['from', 'from'],
    ['now', 'now'],
    ['in', 'in'],
    ['within', 'in'],
    ['at', 'at'],
    ['around', 'at'],
    ['by', 'at'],
    ['later', 'later'],
    ['hence', 'later'],
    ['from now', 'later'],
    // "one and a half months": a count and a half (grammar.ts, halfCountAt).
    ['and a half', 'andahalf'],
    ['and half', 'andahalf'],
    ['from today', 'later'],
    // Chat spellings of "from (now)" (probe round 10): "10 days frm now", "1 wk frm today", "2 days from nw".
    ...['frm', 'frum', 'fromm'].map((from) => [from, 'from'] as const),
    ...['frm', 'frum', 'fromm', 'from'].flatMap((from) => [[`${from} now`, 'later'] as const, [`${from} nw`, 'later'] as const, [`${from} today`, 'later'] as const, [`${from} tdy`, 'later'] as const]),
    ['afterwards', 'later'],
    ['day', 'day'],
    ['days', 'day'],
    ['week', 'week'],
    ['weeks', 'week'],
    ['wk', 'week'],
    ['wks', 'week'],
    ['fortnight', 'fortnight'],
    ['fortnights', 'fortnight'],
    ['month', 'month'],
    ['months', 'month'],
    ['year', 'year'],
    ['years', 'year'],
    ['am', 'am'],
    ['pm', 'pm'],
    ['a m', 'am'],
    ['p m', 'pm'],
    ['oclock', 'oclock'],
    ['o clock', 'oclock'],
    // "1900 hours": a clock only after a 24-hour time or "at" ("in 2 hours" is a duration).
    ['hrs', 'hours'],
    ['hours', 'hours'],
    // Fractions of the hour: "half past 4", "quarter to 5" (the grammar reads the hour after them).
    ['half past', 'halfpast'],
    ['half past the', 'halfpast'],
    ['quarter past', 'quarterpast'],
    ['a quarter past', 'quarterpast'],
    ['quarter after', 'quarterpast'],
    ['a quarter after', 'quarterpast'],
    ['quarter to', 'quarterto'],
    ['a quarter to', 'quarterto'],
    ['quarter of', 'quarterto'],
    ['a quarter of', 'quarterto'],
    // A range of hours ("3 to 5 pm", "between 3 and 5") is read as its start.
    ['to', 'to'],
    ['till', 'to'],
    ['until', 'to'],
    ['between', 'between'],
    ['to morrow', 'tomorrow'],
    ['tonite', 'today night'],
    // Slips of the parts of the day and of the days: "tmrw aftrnoon", "tomorrow evning", "tday evening".
    ...['evning', 'evenin', 'evenng', 'evenig'].map((word) => [word, 'evening'] as const),
    ...['aftrnoon', 'aftn', 'afternon', 'afternun', 'aftrnn', 'afternoom'].map((word) => [word, 'afternoon'] as const),
    ...['mornig', 'morng', 'mornin', 'moring'].map((word) => [word, 'morning'] as const),
    ['nite', 'night'],
    ['tday', 'today'],
    ['tdy', 'today'],
    ['cmg', 'coming'],
    ['bw', 'between'],
    ['ths', 'this'],
    ['dys', 'day'],
    ['nex', 'next'],
    ['morning', 'morning'],
    ['mrng', 'morning'],
    ['morn', 'morning'],
    ['forenoon', 'morning'],
    ['afternoon', 'afternoon'],
    ['noon', 'noon'],
    ['midday', 'noon'],
    ['evening', 'evening'],
    ['eve', 'evening'],
    // "eve of christmas", "the eve of diwali": the day before the day said, as "christmas eve" (probe round 10); "friday eve"
    // stays Friday evening.
    ['eve of', 'day before'],
    ['the eve of', 'day before'],
    ['on the eve of', 'day before'],
    ['evng', 'evening'],
    ['night', 'night'],
    // Negation (docs/methods/validate-date-and-time.md, "not"). `not` denies the day right after it ("saturday not
    // friday", "don't call me tomorrow"), else the day before it in its clause ("today not, tomorrow").
    ['not', 'not'],
    ['dont', 'not'],
    ['do not', 'not'],
    ['cant', 'not'],
    ['cannot', 'not'],
    ['can not', 'not'],
    ['cant do', 'not'],
    ['wont', 'not'],
    ['will not', 'not'],
    ['doesnt', 'not'],
    ['does not', 'not'],
    ['never', 'not'],
    ['except', 'not'],
    ['excluding', 'not'],
    ['anything but', 'not'],
    ['any day but', 'not'],
    ['anything except', 'not'],
    ['any day except', 'not'],
    ['other than', 'not'],
    // `notfine`: a day judged not possible ("X is not ok", "X won't work", "not available X") denies the day it is said
    // of: the one before it in its clause, else the one after it.
    ...notFine,
    // A "not" about something else denies no day: "not sure, maybe tomorrow", "i'm not busy on friday".
    ...negations.flatMap((negation) => aboutElse.map((about) => [`${negation} ${about}`, '_'] as const)),
    ...[...noAbout, 'why not'].map((phrase) => [phrase, '_'] as const),
    ...unavailable.map((phrase) => [phrase, 'notfine'] as const),
    ...calledAskedFor.map((phrase) => [phrase, '_'] as const),
    // At home, at one's desk or free is no absence ("i'll be at my home tomorrow, call me"); nor is "today is <weekday>", a
    // statement of fact ("today is tuesday so call thursday", probe round 10).
    ...selves.flatMap((am) => ['at my home', 'at my house', 'at my place', 'at my desk', 'at the phone', 'at home', 'in town', 'at a free'].map((where) => [`${am} ${where}`, '_'] as const)),
    ...['today is', 'today is a', 'todays'].flatMap((today) => weekdays.map((day) => [`${today} ${day}`, '_'] as const)),
    ...weekdays.map((day) => [`its ${day} today`, '_'] as const),
    ...pastOrOther.map((phrase) => [phrase, 'notfine'] as const),
    ...insteadOf.map((phrase) => [phrase, 'not'] as const),
    ...refusedCall.map((phrase) => [phrase, phrase.startsWith('no call ') && !['no call on', 'no call back', 'no call please'].includes(phrase) ? `not ${phrase.slice('no call '.length)}` : 'not'] as const),
    ...[...moveFrom, 'cancel'].map((phrase) => [phrase, 'not'] as const),
    // "today no, tomorrow yes", "friday no monday", "tomorrow umm no friday": "no" denies the day said before it, as
    // nahi does; at the start of a clause ("friday, no, saturday") it is a correction (grammar.ts).
    ['no', 'nahi'],
    ...greetings.map((greeting) => [greeting, '_'] as const),
    ...[...partsOfSomethingElse, ...habits].map((phrase) => [phrase, '_'] as const),
    ['dayafter', 'day after'],
    // "call after that on the 23rd": "after that" points back and bounds no day said after it (probe round 10); "the day
    // after that" still counts from the day said before it.
    // Only before the call asked for: "after that friday" may be a Friday bounded, and stays refused.
    ...['after that', 'after this', 'after which', 'after then'].flatMap((after) =>
      ([[' on', 'on'], [' call on', 'on'], [' call me on', 'on'], [' please call on', 'on'], [' call me', '_'], [' please call', '_'], [' call me back on', 'on']] as const).map(([what, meaning]) => [`${after}${what}`, meaning] as const)),
    ...['day', 'week', 'days', 'weeks'].flatMap((unit) => ['that', 'this', 'it'].map((what) => [`${unit} after ${what}`, `${unit.replace(/s$/, '')} after`] as const)),
    ['dayaftertomorrow', 'overmorrow'],
    ['right now', 'now'],
    ['now itself', 'now'],
    ['just now', 'now'],
    ['next month end', 'last day of next month'],
    ['next months end', 'last day of next month'],
    ['next month last day', 'last day of next month'],
    // "next week end", like "end of next week", names no one day: refused.
    ['next week end', 'last day of next week'],
    ['approx', 'at'],
    // "friday at 4 or so", "friday 3ish or thereabouts": approximately, no second choice after "or" (probe round 10).
    ...['or so', 'or thereabouts', 'or something', 'or around that', 'or around then', 'or whatever', 'or thereabout', 'or so on'].map((phrase) => [phrase, '_'] as const),
    // "i cannot do tomorrow": "do" is not the Hindi two there.
    ...['cannot do', 'can not do', 'wont do', 'will not do', 'couldnt do', 'could not do'].map((phrase) => [phrase, 'not'] as const),
    // A meal bounds the time, not the day: "tomorrow before lunch" is tomorrow.
    ...['lunch', 'lunchtime', 'lunch time', 'breakfast', 'dinner'].map((meal) => [meal, 'meal'] as const),
    ['approximately', 'at'],
    ['near about', 'at'],
    ['nearabout', 'at'],
    // A span of time from now ("after 1 hour", "in half an hour"); "hours" alone is also the "1900 hours" clock.
    ['hour', 'hours'],
    ['hr', 'hours'],
    ['half an hour', '30 minute'],
    ['half hour', '30 minute'],
    ['half an hr', '30 minute'],
    ['an hour and a half', '90 minute'],
    ['one and a half hours', '90 minute'],
    ['one and half hour', '90 minute'],
    // A self-correction withdraws what was said before it when something follows (docs, "corrections"):
    // "friday, sorry, saturday", "15th i mean 16th", "tomorrow at 5 actually 6".
    ...['sorry', 'i mean', 'i meant', 'actually', 'wait', 'no wait', 'no sorry', 'sorry no', 'oh no', 'no no', 'or rather', 'oops', 'correction', 'sorry i mean', 'make it', 'no make it', 'rather make it', 'rather', 'scratch that', 'change it to', 'change that to', 'change to', 'on second thought', 'on second thoughts', 'let me correct', 'my mistake', 'my bad'].map((phrase) => [phrase, 'correction'] as const),
    // "tomorrow evening no, day after", "5 pm no 6 pm": "no" after a part of the day or a clock, like "friday no".
    ...['morning', 'afternoon', 'evening', 'night'].map((part) => [`${part} no`, `${part} nahi`] as const),
    // ... but "tomorrow evening no problem", "friday no issue" deny nothing: the phrase wins over "<part> no".
    ...['today', 'tomorrow', ...weekdays, 'morning', 'afternoon', 'evening', 'night', 'am', 'pm'].flatMap((said) => noAbout.map((phrase) => [`${said} ${phrase}`, said] as const)),
    ['am no', 'am correction'],
    ['pm no', 'pm correction'],
    // A recogniser's homophones of a number beside a clock word: "at for pm" is 4 pm, "too pm" 2 pm, "won pm" 1 pm.
    // "for" and "to" are words of their own ("looking for pm slots"): only after "at" or before "o'clock".
    // After "at" alone the number is heard (`^N`): an hour only when no word of its own follows ("at for the
    // interview", "at won the match", "at tree house" are no hours; numbers.ts drops it there).
    ...([['for', 4], ['to', 2], ['too', 2], ['won', 1], ['ate', 8], ['tree', 3]] as const).flatMap(([heard, value]) => [
      [`at ${heard} pm`, `at ${value} pm`] as const,
      [`at ${heard} am`, `at ${value} am`] as const,
      [`${heard} oclock`, `${value} oclock`] as const,
      [`${heard} o clock`, `${value} oclock`] as const,
      ...(heard === 'to' ? [] : [[`at ${heard}`, `at ^${value}`] as const]),
      ...(heard === 'to' || heard === 'for' ? [] : [[`${heard} pm`, `${value} pm`] as const, [`${heard} am`, `${value} am`] as const]),
    ]),
    // Names a recogniser splits: "wednes day", "satur day", "to day"; anywhere in the name (probe round 10: "sat urday",
    // "tom orrow", "decem ber"), each part two letters or more.
    ['wednes day', 'wednesday'],
    ['satur day', 'saturday'],
    ['to day', 'today'],
    ...[...weekdays, ...months, 'tomorrow', 'today'].flatMap((name) =>
      Array.from({ length: Math.max(0, name.length - 3) }, (_, at) => [`${name.slice(0, at + 2)} ${name.slice(at + 2)}`, name] as const)),
    // Chat shorthand "tom" is tomorrow only before a part of the day ("tom morning"); alone it is a name.
    ...([['morning', 'morning'], ['mrng', 'morning'], ['evening', 'evening'], ['eve', 'evening'], ['evng', 'evening'], ['afternoon', 'afternoon'], ['night', 'night']] as const).map(([said, part]) => [`tom ${said}`, `tomorrow ${part}`] as const),
    ['first thing', 'morning'],
    // ... but "first thing after lunch" is after lunch, no morning.
    ['first thing after', 'after'],
    // "a second", "one sec": a moment, never "the second" of a month or a weekday ("just a second friday 5 pm").
    ...['a second', 'one second', 'a sec', 'one sec', '1 sec', '1 second', 'a moment', 'one moment'].map((moment) => [moment, '_'] as const),
    ['at for sure', '_'],
    // "the second time", "first call": said as words only ("on the 15th call me" is the 15th), see countedByOrdinal.
    ...['first', 'second', 'third', 'last'].flatMap((ordinal) => [`${ordinal} time`, `${ordinal} call`].map((phrase) => [phrase, '_'] as const)),
    // "same day next week": a week (a month) from today, not next week's Monday.
    ...['same day', 'same date', 'this day', 'this date'].flatMap((same) => [[`${same} next week`, '1 week later'] as const, [`${same} next month`, '1 month later'] as const]),
    // "same time tomorrow", "tomorrow this time": the time of day it is now (Indian English says "this time" beside
    // the day; alone, "this time" is an occasion).
    ...['same time', 'the same time', 'same hour', 'the same hour', 'same time as today', 'same time as now'].map((same) => [same, 'sametime'] as const),
    ...['same time', 'this time', 'the same time'].flatMap((same) => [
      [`${same} next week`, '1 week later sametime'] as const,
      [`${same} next month`, '1 month later sametime'] as const,
      ...([['tomorrow', 'tomorrow'], ['day after tomorrow', 'overmorrow'], ['today', 'today']] as const).flatMap(([said, day]) => [
        [`${said} ${same}`, `${day} sametime`] as const,
        [`${same} ${said}`, `${day} sametime`] as const,
      ]),
    ]),
    ['a week tomorrow', '1 week from tomorrow'],
    ['week tomorrow', '1 week from tomorrow'],
    // Words that only look like names: "you may call on 15th" is no May; "we'd prefer friday" no Wednesday; "the sun".
    ...['you', 'we', 'they', 'he', 'she', 'it', 'that', 'this', 'i'].flatMap((subject) => [[`${subject} may`, '_'] as const, [`may ${subject}`, '_'] as const]),
    ...['prefer', 'like', 'rather', 'love', 'be', 'want', 'need', 'appreciate'].map((verb) => [`wed ${verb}`, '_'] as const),
    ['the sun', '_'],
    // "we can do wed": "do" is no Hindi two here.
    ...['can do', 'we do', 'lets do', 'let us do', 'could do', 'shall do', 'will do', 'we could do', 'we can do'].map((phrase) => [phrase, '_'] as const),
    ...['first', 'second', 'third', 'last'].flatMap((ordinal) => [[`${ordinal} one`, '_'] as const, [`the ${ordinal} one`, '_'] as const]),
    ['roughly', 'at'],
    // Commas and "but" end a clause: a negation reaches no day past them.
    ['but', 'but'],
    ['or', 'or'],
    // "five past nine", "20 past 4": minutes past the hour after it.
    ['past', 'past'],
    ['midnight', 'midnight'],
    ['mid night', 'midnight'],
    ['minute', 'minute'],
    ['minutes', 'minute'],
    ['min', 'minute'],
    ['mins', 'minute'],
    ['or', 'or'],
    ['date', 'tarikh'],
    ...[
      'umm', 'um', 'uh', 'uhh', 'umm', 'hmm', 'hm', 'er', 'erm', 'ah',
      // A recogniser's hesitations between words (probe round 10: "aa tomorrow aa evening aa six").
      'aa', 'aaa', 'aah', 'uhm', 'ummm', 'hmmm', 'mm', 'mmm', 'eh', 'oh', 'ohh', 'ok', 'okay', 'okk', 'yes', 'yeah', 'yep', 'sure', 'please', 'pls', 'plz', 'plis',
      'kindly', 'thanks', 'either', 'thank', 'you', 'u', 'sir', 'madam', 'maam', 'ji', 'hello', 'hi', 'hey', 'i', 'im', 'my', 'we', 'us', 'our', 'it', 'its', 'are',
      'be', 'was', 'will', 'would', 'shall', 'should', 'can', 'could', 'might', 'want', 'wanna', 'like', 'prefer', 'preferably', 'need', 'book', 'booking',
      'schedule', 'reschedule', 'fix', 'set', 'keep', 'make', 'give', 'call', 'callback', 'ring', 'contact', 'reach', 'visit', 'come', 'meet', 'appointment',
      'slot', 'time', 'free', 'available', 'good', 'fine', 'best', 'works', 'work', 'suits', 'suit', 'convenient', 'let', 'lets', 'for', 'and', 'then',
      'so', 'maybe', 'perhaps', 'just', 'only', 'any', 'sometime', 'some', 'that', 'there', 'here', 'again', 'back', 'also', 'want', 'about', 'ish',
      'able', 'possible', 'doable', 'suitable', 'ok for me', 'sharp', 'be', 'how', 'what', 'which', 'as', 'with', 'up', 'reminder', 'remind', 'delivery', 'deliver', 'pickup', 'send', 'meeting', 'same',
      'thnx', 'thx', 'thanx', 'thnks', 'tnx', 'tks', 'ty', 'plzz', 'plss',
    ].map((word) => [word, '_'] as const),
  ],
};
