import fc from 'fast-check';
import { allMethods } from '../src/methods/registry.js';
import { lastSegment } from '../src/protocol/envelope.js';

/** One HTTP request the fuzzer sends through `app.inject`, and which contract its answer must keep. */
export interface FuzzRequest {
  kind: 'webhook' | 'api' | 'redirect';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** What the fuzzed app is seeded with, so generated requests also reach the deep paths. */
export interface FuzzSeed {
  webhookToken: string;
  adminToken: string;
  /** A token of account 2: another tenant for account 1's resources. */
  otherToken: string;
  clientId: string;
  flowId: string;
  securityId: string;
  botId: string;
  botToken: string;
  custToken: string;
  shortDomain: string;
  agentCli: string;
}

const hugeDigits = '9'.repeat(5000);
const hugeUnicode = 'अ𝒳\u200d🇮🇳'.repeat(600);

/** Strings that are empty, huge, unicode, control characters, or look like injection. */
const oddText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '\n\t', hugeDigits, hugeUnicode, "'; drop table accounts; --", '%s%n', '${x}', '__proto__', 'constructor', '../../etc/passwd', '<script>'),
);

/** Plausible values of each parameter (by last segment, lower case), so most calls get past validation into the handler. */
function parameterValues(seed: FuzzSeed): Record<string, string[]> {
  const phones = ['9876543210', '+91 98765 43210', '09876543210', '919876543210', seed.agentCli, '022 2345 6789', '12345', 'user@example.com', 'CRM-001'];
  return {
    contactnumber: phones,
    accountid: ['1', '1', '1', '2', '3', '0', '01', 'abc', '1e0'],
    inputdate: ['2026-12-08T05:00:00+05:30', 'tomorrow', 'next monday 5 pm', '08-12-2019', '31-02-2026', '4 November 2019', 'kal', '9999-12-31T23:59:59+14:00', 'banana', 'umm kal subah please', 'agle hafte shukravar', 'diwali', 'நாளை', '15122026', 'first monday of february', 'tomorrow or friday'],
    validmaxdays: ['5', '30', '0', '-1', '365', '100000', '1.5'],
    incrementdays: ['0', '1', '-3', '99999', 'x'],
    flowid: ['58', seed.flowId, 'x'.repeat(200)],
    workingdaysoff: ['Monday,Friday,Sunday', 'sun', 'Mon,Tue,Wed,Thu,Fri,Sat,Sun', 'Funday', ','],
    appointmentstarttime: ['09:00', '2019-11-05T09:00+05:30', '25:99', '18:00'],
    appointmentendtime: ['18:00', '2019-11-05T18:00+05:30', '08:00', '00:00'],
    type: ['Appointment', 'callback', 'CALLBACK', 'visit'],
    testnow: ['2026-12-06T19:00:00+05:30', '2026-12-06T19:00:00Z', 'sunday', '0001-01-01T00:00:00+14:00'],
    reporttype: ['call', 'sms', 'bad type!', 'x'.repeat(65)],
    dtmf: ['1', '#', ''],
    dnis: ['18001234567', 'x'.repeat(100)],
    starttime: ['2021-01-11T09:00:00.000+5:30', '2021-01-11T09:00:00Z', 'yesterday', '2021-13-45T99:00:00+5:30'],
    callid: ['call-1', 'call-2', 'x'.repeat(300)],
    languagesupported: ['HINDI,ENGLISH,MARATHI', 'TELGU', 'HINDI,HINDI', ',', 'KLINGON'],
    cli: phones,
    clisource: ['MOBILE', 'LANDLINE', 'SATELLITE'],
    pause: ['true', 'false', 'TRUE', 'maybe'],
    apiversion: ['1.0', '2.0', '1'],
    securityid: [seed.securityId, seed.securityId, 'wrong'],
    clientid: [seed.clientId, seed.clientId, 'someone-else'],
    delayminutes: ['0', '5', '10080', '10081', '-1', '1.5'],
    contactnumbers: ['9876543210', '9876543210,9876543211;9876543212', '9876543210 abc', Array.from({ length: 1001 }, (_, index) => `98765${String(index).padStart(5, '0')}`).join(',')],
    requestkey: ['retry-1', 'retry-2'],
    botid: [seed.botId, seed.botId, 'missing-bot'],
    token: [seed.botToken, seed.botToken, 'wrong-token'],
    inputtext: ['Press 1 for your balance', 'नमस्ते', 'x'.repeat(5000)],
    sourcelang: ['English', 'en', 'Oriya', 'Telgu', 'Klingon'],
    targetlang: ['Hindi', 'hi', 'Odia', 'tamil', 'zz'],
    apikey: ['key-1', 'key-2'],
  };
}

/**
 * inputDate texts built to be slow for a date reader (docs/methods/validate-date-and-time.md, "What is refused"):
 * long digit runs, one word over and over, scripts mixed, number words; up to the 100-character limit, and
 * past it (422).
 */
export const slowDateText = fc.oneof(
  fc.integer({ min: 1, max: 101 }).map((length) => '9'.repeat(length)),
  fc
    .tuple(fc.constantFrom('kal', 'tomorrow', 'next', 'twenty', '1st', 'the', 'of', '12:', '1/', '१', 'நாளை', 'सोमवार', 'tomorow', 'a', 'first monday of', '3 din baad'), fc.integer({ min: 1, max: 60 }))
    .map(([word, times]) => `${word} `.repeat(times).slice(0, 100)),
  fc.array(fc.constantFrom('twenty', 'one', 'first', 'thirty', 'thousand', 'and', 'nineteen', 'second', 'twelfth', 'hundred'), { minLength: 1, maxLength: 40 }).map((words) => words.join(' ').slice(0, 100)),
  fc.array(fc.constantFrom('सोमवार', 'kal', 'நாளை', 'రేపు', '১২', '੧੫', 'ನಾಳೆ', 'ഇന്ന്', 'ଆଜି', '/', '-', ':', '5', 'pm', 'tarikh', 'diwali', 'or', 'nahi'), { maxLength: 50 }).map((parts) => parts.join(' ').slice(0, 100)),
  fc.stringMatching(/^[0-9 /.:-]{1,100}$/),
);

/** Values a flow could plausibly send to any parameter. */
function anyPlausibleValue(seed: FuzzSeed): string[] {
  return [...new Set(Object.values(parameterValues(seed)).flat()), '1e400', 'true', 'null', 'NaN', 'undefined', 'javascript:alert(1)'];
}

const otherValue = fc.oneof(
  { weight: 3, arbitrary: oddText },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** A value for one parameter: mostly plausible for that parameter, sometimes any type at all. */
function valueFor(name: string, values: Record<string, string[]>, fallback: string[]) {
  const plausible = values[lastSegment(name).toLowerCase()] ?? fallback;
  if (lastSegment(name).toLowerCase() === 'inputdate') return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...plausible) }, { weight: 4, arbitrary: slowDateText }, { weight: 2, arbitrary: otherValue });
  return fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...plausible) }, { weight: 2, arbitrary: otherValue });
}

/**
 * Webhook `keys`: each of the method's real parameters present (under its full
 * name, another scope or case) or not, in any order, plus unknown and broken entries.
 */
function keyEntries(seed: FuzzSeed, parameterNames: string[]) {
  const values = parameterValues(seed);
  const fallback = anyPlausibleValue(seed);
  const valueOf = (name: string) => valueFor(name, values, fallback);
  const scopes = ['$flow.key.', '$flow.syskey.', '$user.key.', '$user.syskey.', '$call.', ''];
  const spelled = (name: string) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(name) },
      { weight: 1, arbitrary: fc.constantFrom(...scopes).map((scope) => scope + lastSegment(name).toUpperCase()) },
    );
  const parameter = (name: string) => fc.record({ name: spelled(name), value: valueOf(name) });
  // fc.option's freq: one in `freq` is absent.
  const declared = fc.tuple(...parameterNames.map((name) => fc.option(parameter(name), { freq: 6, nil: undefined })));
  const stray = fc.oneof(
    { weight: 3, arbitrary: fc.record({ name: fc.tuple(fc.constantFrom(...scopes), fc.stringMatching(/^[A-Za-z0-9_]{1,70}$/)).map(([scope, segment]) => scope + segment), value: otherValue }) },
    { weight: 2, arbitrary: fc.record({ name: fc.constantFrom('$flow.syskey.testNow', '$user.key.language', '$user.key.__proto__', '$user.key.constructor', '$flow.key.'), value: valueOf('testNow') }) },
    { weight: 1, arbitrary: fc.record({ name: oddText.filter((text) => text.trim() !== '' && text.length <= 128), value: otherValue }) },
    { weight: 1, arbitrary: fc.record({ name: fc.constantFrom(...parameterNames) }) },
  );
  // Entries the envelope refuses as a whole (INVALID_KEYS).
  const broken = fc.oneof(
    fc.record({ name: fc.oneof(fc.integer(), fc.constant(null), fc.constant(['x']), fc.constant(''), fc.constant('x'.repeat(129))), value: otherValue }),
    fc.constantFrom(null, 'name', 7, [], { value: 'no name' }),
    fc.record({ name: fc.constantFrom(...parameterNames), value: fc.constantFrom({}, [], { value: 1 }, [1, 2]) }),
  );
  const mixed = fc
    .tuple(declared, fc.array(stray, { maxLength: 4 }), fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: broken }))
    .chain(([present, strays, brokenOne]) => {
      const entries: unknown[] = [...present.filter((entry) => entry !== undefined), ...strays, ...(brokenOne === undefined ? [] : [brokenOne])];
      return fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length });
    });
  // Every parameter under its documented name with a plausible value: the calls that reach deepest into the handlers.
  const completeValue = (name: string) => {
    const plausible = fc.constantFrom(...(values[lastSegment(name).toLowerCase()] ?? fallback));
    return lastSegment(name).toLowerCase() === 'inputdate' ? fc.oneof(plausible, slowDateText) : plausible;
  };
  const complete = fc.tuple(...parameterNames.map((name) => completeValue(name).map((value) => ({ name, value }))));
  return fc.oneof({ weight: 3, arbitrary: mixed }, { weight: 1, arbitrary: complete });
}

/** Every method name (any case, padded), unknown names and non-strings. */
function methodNames() {
  const names = allMethods.map((method) => method.name);
  return fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom(...names) },
    { weight: 2, arbitrary: fc.constantFrom(...names.flatMap((name) => [name.toLowerCase(), name.toUpperCase(), ` ${name} `])) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'unknownMethod', 'hasOwnProperty', '__proto__', 'toString', 'constructor') },
    { weight: 1, arbitrary: oddText },
  );
}

/**
 * JSON nested `depth` levels (1 to 30 000) of arrays and objects, around a
 * string now and then holding U+0000: a walk by recursion would overflow the
 * stack on it (issue 16).
 */
export const nestedJson = fc
  .record({
    // Mostly around the 32-level cap; now and then far past what a recursive walk survives (~10 000 frames).
    depth: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30_000 }) }),
    opener: fc.constantFrom('[', '{"a":', '[{"b":', '{"keys":['),
    inner: fc.constantFrom('"x"', '1', 'null', '"nul\\u0000"', '{}', '[]'),
  })
  .map(({ depth, opener, inner }) => {
    const closer = [...opener].filter((character) => character === '[' || character === '{').reverse().map((character) => (character === '[' ? ']' : '}')).join('');
    const levels = Math.max(1, Math.floor(depth / Math.max(1, closer.length)));
    return `${opener.repeat(levels)}${inner}${closer.repeat(levels)}`;
  });

/** A webhook body: a well-formed envelope mostly, every broken shape sometimes, serialised in several ways. */
function webhookBody(seed: FuzzSeed) {
  // Built once: an arbitrary a generated request would otherwise rebuild every time.
  const entriesOf = new Map(allMethods.map((method) => [method.name.toLowerCase(), keyEntries(seed, Object.keys(method.params.properties))]));
  const anyEntries = keyEntries(seed, [...new Set(allMethods.flatMap((method) => Object.keys(method.params.properties)))]);
  const envelope = methodNames().chain((method) => (entriesOf.get(method.trim().toLowerCase()) ?? anyEntries).map((keys) => ({ method, keys })));
  const brokenShape = fc.oneof(
    envelope.map(({ method }) => ({ method })),
    envelope.map(({ keys }) => ({ keys })),
    envelope.map(({ method }) => ({ method, keys: { name: 'x', value: 'y' } })),
    envelope.map(({ keys }) => ({ method: 42, keys })),
    envelope.map(({ keys }) => ({ method: null, keys })),
    fc.constantFrom(null, 0, 'text', [], [{ method: 'fetchUserPreferences' }], true),
    fc.constant({ method: 'fetchUserPreferences', keys: Array.from({ length: 201 }, (_, index) => ({ name: `$user.key.k${index}`, value: 'v' })) }),
  );
  const text = fc.oneof(
    { weight: 30, arbitrary: envelope.map((body) => JSON.stringify(body)) },
    { weight: 2, arbitrary: brokenShape.map((body) => JSON.stringify(body)) },
    // Duplicate keys: JSON.parse keeps the last one.
    { weight: 1, arbitrary: fc.tuple(envelope, envelope).map(([first, second]) => `{"method":${JSON.stringify(first.method)},"keys":${JSON.stringify(first.keys)},"method":${JSON.stringify(second.method)},"keys":${JSON.stringify(second.keys)}}`) },
    { weight: 1, arbitrary: fc.tuple(envelope, fc.nat()).map(([body, cut]) => { const whole = JSON.stringify(body); return whole.slice(0, cut % whole.length); }) },
    { weight: 1, arbitrary: envelope.map((body) => `\uFEFF${JSON.stringify(body)}`) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', '{', '[]', '"x"', '{"method":"fetchUserPreferences","keys":[],"pad":"' + 'x'.repeat(70 * 1024) + '"}') },
    { weight: 1, arbitrary: oddText },
    { weight: 1, arbitrary: nestedJson },
    { weight: 1, arbitrary: fc.tuple(methodNames(), nestedJson).map(([method, nested]) => `{"method":${JSON.stringify(method)},"keys":[{"name":"$flow.key.cli","value":${nested}}]}`) },
  );
  return text;
}

const contentTypes = fc.constantFrom<string | undefined>(
  ...Array<string>(20).fill('application/json'), 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', undefined,
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/csv', 'application/xml', '', 'application/json; charset=latin1', ';;;', 'a/b/c',
);

function authorization(seed: FuzzSeed) {
  return fc.constantFrom<string | undefined>(
    ...Array<string>(24).fill(`Bearer ${seed.webhookToken}`), `Bearer ${seed.adminToken}`, `Bearer ${seed.adminToken}`, `Bearer ${seed.otherToken}`,
    undefined, 'Bearer ', 'Bearer wrong-token', 'Basic dXNlcjpwYXNz', `bearer ${seed.webhookToken}`, `Bearer  ${seed.webhookToken} `, 'Bearer \u00e9\u00e9',
  );
}

const stagePaths = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('/webhook', '/webhook/', '/centraloutboundwebhook-v1/prod/', '/reliance-nippon-v1/test/', '/googleapiwebhook-v1/prod', '/svc/test') },
  { weight: 1, arbitrary: fc.constantFrom('/svc/PROD', '/svc/staging', '/svc/prod/extra', '/svc/%00', '/svc/..', '//prod', '/webhook//') },
  { weight: 1, arbitrary: fc.tuple(oddText, fc.oneof(fc.constantFrom('prod', 'test'), oddText)).map(([service, stage]) => `/${encodeURIComponent(service || 'x')}/${encodeURIComponent(stage || 'prod')}`) },
);

const queries = fc.constantFrom('', '', '', '?format=flat', '?format=keys', '?format=', '?format=flat&format=keys', '?format[]=flat', '?%zz', '?format=%E0%A4');

/** A POST to the webhook endpoints. */
export function webhookRequests(seed: FuzzSeed): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      path: stagePaths,
      query: queries,
      contentType: contentTypes,
      auth: authorization(seed),
      idempotencyKey: fc.option(fc.oneof(fc.constantFrom('retry-1', 'retry-2', ''), fc.string({ maxLength: 300 })), { nil: undefined }),
      requestId: fc.option(fc.oneof(fc.uuid(), oddText), { nil: undefined }),
      payload: webhookBody(seed),
    })
    .map(({ path, query, contentType, auth, idempotencyKey, requestId, payload }) => reportable({
      kind: 'webhook' as const,
      method: 'POST' as const,
      url: path + query,
      headers: {
        ...(contentType !== undefined && { 'content-type': contentType }),
        ...(auth !== undefined && { authorization: auth }),
        ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }),
        ...(requestId !== undefined && { 'x-request-id': headerSafe(requestId) }),
      },
      payload,
    }));
}

/** Long generated strings cut for reports: a counterexample should fit on a screen. */
export function shorten(text: string, room = 160): string {
  return text.length <= room ? text : `${text.slice(0, room)}…(${text.length} chars)`;
}

/** Prints a request as a counterexample, with long strings cut. */
function reportable(request: FuzzRequest): FuzzRequest {
  return Object.assign(request, {
    [fc.toStringMethod]: () => JSON.stringify(request, (_key, value: unknown) => (typeof value === 'string' ? shorten(value) : value)),
  });
}

/** Header values cannot hold control characters or non-Latin-1 text; inject would refuse them before the server sees them. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/** Anything JSON can hold, for fields a route expects to be something else. */
const wildValue = fc.oneof(
  oddText,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom({}, [], ['x'], { start: '09:00' }, { start: 1, end: 2 }, [1, 'a']),
);

/** An object over a route's field names: each field absent, a plausible value or a wild one, plus unknown fields now and then. */
function bodyOf(fields: Record<string, readonly unknown[]>) {
  const record = fc.record(
    Object.fromEntries(Object.entries(fields).map(([field, samples]) => [field, fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...samples) }, { weight: 1, arbitrary: wildValue })])),
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 10, arbitrary: record.map((body) => JSON.stringify(body)) },
    { weight: 1, arbitrary: fc.tuple(record, fc.constantFrom('extra', '__proto__', 'constructor'), wildValue).map(([body, key, value]) => JSON.stringify({ ...body, [key]: value })) },
    { weight: 1, arbitrary: fc.constantFrom('', '[]', 'null', '"text"', '7', '{', '{"a":1,"a":2}', '{"__proto__":{"admin":true}}') },
  );
}

const hours = [{ start: '09:00', end: '18:00' }, { start: '20:00', end: '06:00' }, { start: '24:00', end: '25:00' }, { start: '09:00' }, null];
const accountBody = {
  id: [3, 4, 1, 0, -5, 999_999_999, 1_000_000_000, 1.5, '7'],
  name: ['Acme', '', 'x'.repeat(201), 'दुकान'],
  timezone: ['Asia/Kolkata', 'Europe/London', 'Mars/Olympus', '', 'UTC', 'Etc/GMT+14'],
  country: ['IN', 'GB', 'ZZ', 'IND', ''],
  clientId: ['client0001', null, ''],
  defaultLanguage: ['HINDI', 'Tamil', '', '1'],
  businessHours: hours,
  callbackHours: hours,
  workingDaysOff: [['Sunday'], ['sun', 'SAT'], ['Funday'], [], ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], [1]],
  validMaxDays: [1, 30, 365, 366, 0, -1, '5'],
  operatorNames: ['legacy', 'current', 'other'],
  languagePreferenceKey: ['language', 'lang_choice', 'bad name', '', 'x'.repeat(65)],
};

const accountIds = fc.constantFrom('1', '2', '1', '2', '3', '0', '-1', 'abc', '1.5', '99999999999999999999', '%20', '1e3', '0x10');
const clis = fc.constantFrom('9876543210', '+919876543210', '09876543210', '12', 'abc', '%F0%9F%98%80', '9'.repeat(33), '+44 20 7946 0958');
const hourCounts = fc.constantFrom('1', '24', '168', '720', '0', '721', '-1', '2.5', 'abc', '1e2', '99999999999999999999', ' 24', '');
const dates = fc.constantFrom('2026-12-25', '2026-02-30', '2026-13-01', '0000-01-01', '2026-1-1', 'today', '9999-12-31');
const isoTimes = fc.constantFrom('', '2026-11-01T00:00:00+05:30', '2026-11-30', 'yesterday', '2026-11-01T00:00:00Z', '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '2026-13-45');

/**
 * iCalendar text with recurrence rules built from every part RFC 5545 allows,
 * including combinations that can never match (`BYMONTH=2;BYMONTHDAY=30`),
 * ones ical.js refuses (WEEKLY with BYMONTHDAY) and ones that repeat every
 * second: each must answer 200 or 422 quickly (issue 16).
 */
export const calendarRules = fc
  .array(
    fc.record({
      start: fc.constantFrom('DTSTART;VALUE=DATE:20260101', 'DTSTART;VALUE=DATE:19000101', 'DTSTART:20260315T090000Z', 'DTSTART;TZID=Asia/Kolkata:19900101T000000', 'DTSTART;VALUE=DATE:20240229'),
      freq: fc.constantFrom('SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'YEARLY', 'FORTNIGHTLY', ''),
      parts: fc.subarray([
        fc.constantFrom('BYMONTH=2', 'BYMONTH=4,6,9,11', 'BYMONTH=13', 'BYMONTH=0'),
        fc.constantFrom('BYMONTHDAY=30', 'BYMONTHDAY=31', 'BYMONTHDAY=-1', 'BYMONTHDAY=29', 'BYMONTHDAY=0', 'BYMONTHDAY=99'),
        fc.constantFrom('BYDAY=MO', 'BYDAY=2SA', 'BYDAY=-1FR', 'BYDAY=53MO', 'BYDAY=XX'),
        fc.constantFrom('BYSETPOS=1', 'BYSETPOS=-1', 'BYSETPOS=400'),
        fc.constantFrom('BYYEARDAY=366', 'BYYEARDAY=-366', 'BYWEEKNO=53', 'BYHOUR=25', 'BYMINUTE=0', 'BYSECOND=61'),
        fc.constantFrom('INTERVAL=1', 'INTERVAL=3', 'INTERVAL=0', 'INTERVAL=100000'),
        fc.constantFrom('COUNT=3', 'COUNT=0', 'COUNT=100000000', 'UNTIL=20270101', 'UNTIL=19000101', 'UNTIL=garbage'),
        fc.constantFrom('WKST=SU', 'WKST=ZZ'),
      ].map((part, index) => ({ part, index })), { maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .chain((events) =>
    fc.tuple(...events.map(({ parts }) => (parts.length ? fc.tuple(...parts.map(({ part }) => part)) : fc.constant([] as string[])))).map((chosen) =>
      ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flatMap((event, index) => [
        'BEGIN:VEVENT', `UID:fuzz-${index}`, `SUMMARY:Rule ${index}`, event.start,
        `RRULE:${[`FREQ=${event.freq}`, ...(chosen[index] as string[])].join(';')}`, 'END:VEVENT',
      ]), 'END:VCALENDAR'].join('\r\n'),
    ),
  );

/** Requests to the management API, the short-URL create routes and the redirects. */
export function apiRequests(seed: FuzzSeed): fc.Arbitrary<FuzzRequest> {
  const post = (url: fc.Arbitrary<string>, body: fc.Arbitrary<string>, method: FuzzRequest['method'] = 'POST') => fc.record({ url, payload: body, method: fc.constant(method) });
  const get = (url: fc.Arbitrary<string>, method: FuzzRequest['method'] = 'GET') => fc.record({ url, method: fc.constant(method) });
  const q = (value: string) => encodeURIComponent(value);
  const route = fc.oneof(
    post(fc.constant('/api/accounts'), bodyOf(accountBody)),
    post(accountIds.map((id) => `/api/accounts/${id}`), bodyOf(accountBody), 'PATCH'),
    get(accountIds.map((id) => `/api/accounts/${id}`)),
    post(accountIds.map((id) => `/api/accounts/${id}/tokens`), bodyOf({ label: ['ops', '', 'x'.repeat(101)] })),
    get(fc.tuple(accountIds, fc.constantFrom('', '2026', '1899', '3000', 'abc')).map(([id, year]) => `/api/accounts/${id}/holidays${year && `?year=${year}`}`)),
    post(fc.tuple(accountIds, dates).map(([id, date]) => `/api/accounts/${id}/holidays/${date}`), bodyOf({ name: ['Diwali', '', 'x'.repeat(300)] }), 'PUT'),
    get(fc.tuple(accountIds, dates).map(([id, date]) => `/api/accounts/${id}/holidays/${date}`), 'DELETE'),
    post(accountIds.map((id) => `/api/accounts/${id}/holidays/import`), bodyOf({
      country: ['IN', 'US', 'ZZ', 'xx'],
      region: ['MH', 'KA', '??', 'ZZZ'],
      year: [2026, 1900, 2999, 3000, 'x'],
      ics: ['BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nSUMMARY:Christmas\nEND:VEVENT\nEND:VCALENDAR', 'BEGIN:VCALENDAR', 'garbage'],
      csv: ['2026-12-25,Christmas', 'date,name\n2026-02-30,Nope', ',,,', '2026-12-25'],
    })),
    // A rule that cannot match costs up to the import's work budget (docs/operations.md): one import in four carries generated rules.
    post(accountIds.map((id) => `/api/accounts/${id}/holidays/import`), fc.oneof(
      { weight: 1, arbitrary: calendarRules },
      { weight: 3, arbitrary: fc.constantFrom('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260126\nRRULE:FREQ=YEARLY\nSUMMARY:Republic Day\nEND:VEVENT\nEND:VCALENDAR') },
    ).map((ics) => JSON.stringify({ ics }))),
    post(fc.constantFrom('/api/accounts', '/api/accounts/1', '/api/short-urls', '/UrlShortner/phonon/shortUrl', '/api/accounts/1/holidays/import'), nestedJson.map((nested) => `{"name":${nested}}`)),
    post(accountIds.map((id) => `/api/accounts/${id}/agents`), bodyOf({ cli: ['9876543211', seed.agentCli, 'abc', '', '9'.repeat(33)], name: ['Asha', '', 'x'.repeat(201)] })),
    get(accountIds.map((id) => `/api/accounts/${id}/agents`)),
    get(accountIds.map((id) => `/api/accounts/${id}/bots`)),
    get(accountIds.map((id) => `/api/accounts/${id}/outbound-flows`)),
    post(fc.tuple(accountIds, clis).map(([id, cli]) => `/api/accounts/${id}/agents/${cli}`), bodyOf({ cli: ['9876543212', 'abc'], name: ['Ravi'], paused: [true, false, 'yes'] }), 'PATCH'),
    get(fc.tuple(accountIds, clis, isoTimes, isoTimes).map(([id, cli, from, to]) => `/api/accounts/${id}/agents/${cli}/history?from=${q(from)}&to=${q(to)}`)),
    get(fc.tuple(accountIds, isoTimes).map(([id, from]) => `/api/accounts/${id}/agents/breaks?from=${q(from)}`)),
    post(accountIds.map((id) => `/api/accounts/${id}/agents/allocate`), fc.constantFrom('', '{}')),
    post(accountIds.map((id) => `/api/accounts/${id}/outbound-flows`), bodyOf({
      flowId: ['FLOW0001', 'FLOW0002', seed.flowId, 'short', 'has space'],
      securityId: ['a'.repeat(64), 'a'.repeat(63), ''],
      name: ['Reminders', ''],
      dialerUrl: ['http://127.0.0.1:9/dial', 'ftp://x', 'not a url', ''],
      dialerSecret: [`whsec_${'A'.repeat(43)}=`, 's'.repeat(16), 'short'],
      category: ['promotional', 'service', 'other'],
      retryPolicy: [{ busy: { attempts: 1, afterMinutes: 5 } }, { busy: { attempts: 11, afterMinutes: 5 } }, null],
      throttlePerSecond: [1, 1000, 1001, 0, null],
      callingWindow: hours,
    })),
    post(fc.tuple(accountIds, fc.constantFrom(seed.flowId, 'FLOW0001', 'nope', '%00')).map(([id, flow]) => `/api/accounts/${id}/outbound-flows/${flow}`), bodyOf({
      name: ['Renamed', ''], dialerUrl: ['http://127.0.0.1:9/dial', 'javascript:x'], throttlePerSecond: [5, null, -1], callingWindow: hours,
    }), 'PATCH'),
    get(fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', 'x'.repeat(65), '1').map((id) => `/api/outbound-requests/${id}`)),
    post(fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000').map((id) => `/api/outbound-requests/${id}/cancel`), fc.constantFrom('', '{}')),
    post(fc.tuple(accountIds, fc.constantFrom(seed.flowId, 'missing', '%2E%2E'), fc.constantFrom('pause', 'resume', 'rotate-secret')).map(([id, flow, action]) => `/api/accounts/${id}/outbound-flows/${flow}/${action}`), fc.constantFrom('', '{}')),
    // Unsigned, or signed with nothing valid: outcome reports never pass without the flow's secret.
    post(fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', 'x'.repeat(65)).map((id) => `/api/outbound-jobs/${id}/result`), bodyOf({
      disposition: ['answered', 'busy', 'voicemail', ''], durationSeconds: [0, -1, 1e9], detail: ['SIP 486', 'x'.repeat(600)], attempt: [1, 0, 'one'],
    })),
    post(accountIds.map((id) => `/api/accounts/${id}/status-webhooks`), bodyOf({
      url: ['http://127.0.0.1:9/status', 'ftp://x.example/', 'not a url', ''], eventTypes: [['outbound.job.completed'], ['outbound.nothing'], []],
    })),
    post(accountIds.map((id) => `/api/accounts/${id}/bots`), bodyOf({
      botId: ['bot-2', seed.botId, 'bad id!', ''], baseUrl: ['https://bot.example.com/chat', 'javascript:alert(1)', 'relative/path', ''], token: ['token-123456', 'short'], linkMode: ['query', 'opaque', 'other'],
    })),
    post(fc.tuple(accountIds, fc.constantFrom(seed.botId, 'missing', '%2E%2E')).map(([id, bot]) => `/api/accounts/${id}/bots/${bot}`), bodyOf({ baseUrl: ['https://bot.example.com/v2', 'data:x'], token: ['token-abcdefgh'], linkMode: ['opaque', 1] }), 'PATCH'),
    get(fc.constantFrom('missing', '00000000-0000-0000-0000-000000000000', 'x'.repeat(65)).map((id) => `/api/bot-sessions/${id}`)),
    post(accountIds.map((id) => `/api/accounts/${id}/short-customers`), bodyOf({ name: ['Shop', ''], custToken: ['cust-token-0002', seed.custToken, ''], domains: [['go.example.com'], ['not a host'], ['localhost:99999'], []] })),
    post(fc.constantFrom('/api/short-urls', '/UrlShortner/phonon/shortUrl'), bodyOf({
      custToken: [seed.custToken, 'unknown-token', ''],
      longUrl: ['https://google.co.in', 'javascript:alert(1)', 'data:text/html,x', '/relative', `https://x.example/${'a'.repeat(2100)}`, 'https://exa mple.com', 'http://[::1]:80/'],
      domain: [seed.shortDomain, 'phn.io', 'evil.example', '', 'UPPER.example.com'],
      customSlug: ['my-slug', 'a', 'api', 'x'.repeat(100)],
      expiresAt: ['2030-01-01T00:00:00Z', '2000-01-01T00:00:00Z', 'soon'],
      maxVisits: [1, 0, -1, 1e12],
      redirectStatus: [301, 302, 307, 308, 200],
    })),
    get(fc.tuple(fc.constantFrom(seed.shortDomain, 'phn.io', '..', '%00'), fc.constantFrom('my-slug', 'AAAAAAAA', '!!', 'x'.repeat(200))).map(([domain, code]) => `/api/short-urls/${domain}/${code}`)),
    get(fc.tuple(fc.constantFrom('9876543210', '+919876543210', '022 1234 5678', 'abc', '', '1'.repeat(33)), fc.constantFrom('', 'HINDI,TELGU', ','), fc.constantFrom('', 'MOBILE', 'LANDLINE', 'x'), fc.constantFrom('', '1', '2', '0', 'x')).map(
      ([number, languages, source, account]) => `/api/numbering/lookup?number=${q(number)}${languages && `&languageSupported=${q(languages)}`}${source && `&cliSource=${source}`}${account && `&accountId=${account}`}`,
    )),
    get(fc.tuple(fc.constantFrom('', '1', '2', '0', 'x', '99999999999'), fc.constantFrom('', '7', '1', '90', '91', '0', 'x')).map(
      ([account, days]) => `/api/numbering/language-sources?${account && `accountId=${account}`}${days && `&days=${days}`}`,
    )),
    get(fc.tuple(accountIds, fc.constantFrom('call', 'bad type!', 'x'.repeat(65)), isoTimes, fc.constantFrom('', 'json', 'csv', 'xml'), fc.constantFrom('', '0', '1001', '5', 'x'), fc.constantFrom('', '1.2', 'abc')).map(
      ([id, type, from, format, limit, cursor]) => `/api/accounts/${id}/reports/${encodeURIComponent(type)}?from=${q(from)}${format && `&format=${format}`}${limit && `&limit=${limit}`}${cursor && `&cursor=${cursor}`}`,
    )),
    post(fc.tuple(fc.constantFrom(seed.shortDomain, 'go.flowhooks.test', '%2E'), fc.constantFrom('my-slug', 'AAAAAAAA')).map(([domain, code]) => `/api/short-urls/${domain}/${code}`), bodyOf({
      disabled: [true, false, 'no'], expiresAt: ['2030-01-01T00:00:00Z', '2000-01-01T00:00:00Z', null, 'never'], maxVisits: [1, null, 0, 1e10], redirectStatus: [301, 308, 418],
    }), 'PATCH'),
    get(fc.tuple(fc.constantFrom(seed.shortDomain, 'go.flowhooks.test'), fc.constantFrom('my-slug', 'AAAAAAAA'), dates, dates).map(([domain, code, from, to]) => `/api/short-urls/${domain}/${code}/visits?from=${q(from)}&to=${q(to)}`)),
    get(fc.tuple(accountIds, fc.constantFrom('', '1', '1000', '1001', 'x')).map(([id, limit]) => `/api/accounts/${id}/short-urls${limit && `?limit=${limit}`}`)),
    post(fc.tuple(accountIds, fc.constantFrom('1', '2', 'missing', '%00x')).map(([id, customer]) => `/api/accounts/${id}/short-customers/${customer}`), bodyOf({
      name: ['Renamed', ''], domains: [['go.example.com'], ['other.example'], ['not a host'], []], custToken: ['cust-token-0003', 'bad token!'], rotateToken: [true, false],
    }), 'PATCH'),
    get(fc.tuple(accountIds, fc.constantFrom('agents/9876543211', 'agents/abc', 'bots/bot-2', 'bots/%2E%2E', 'outbound-flows/FLOW0001', 'outbound-flows/nope', 'tokens/1', 'tokens/nope', 'short-customers/2', 'holidays/2026-12-25')).map(([id, path]) => `/api/accounts/${id}/${path}`), 'DELETE'),
    // Do-not-call lists (docs/methods/create-outbound.md).
    get(fc.tuple(accountIds, fc.constantFrom('', '?search=98765', '?search=09876543210', '?search=%25_', '?search=abc', '?limit=0', '?limit=1001', '?limit=2&cursor=%2B919876543210', '?cursor=nope', '?search=' + '9'.repeat(33))).map(([id, query]) => `/api/accounts/${id}/dnc${query}`)),
    post(accountIds.map((id) => `/api/accounts/${id}/dnc`), bodyOf({ numbers: [['9876543210'], ['+919876543210', '09812345678'], [], ['abc', '12'], ['9'.repeat(33)], 'x', [1, null], Array.from({ length: 1001 }, () => '9876543210')] })),
    get(fc.tuple(accountIds, clis).map(([id, cli]) => `/api/accounts/${id}/dnc/${encodeURIComponent(cli)}`)),
    get(fc.tuple(accountIds, clis).map(([id, cli]) => `/api/accounts/${id}/dnc/${encodeURIComponent(cli)}`), 'DELETE'),
    get(accountIds.map((id) => `/api/accounts/${id}/dnc/export`)),
    post(accountIds.map((id) => `/api/accounts/${id}/dnc/import`), fc.constantFrom(
      '',
      'number\n',
      '9876543210\n09812345678\n',
      'phone,name\r\n"+91 98765 43210",Asha\r\n9700000001;Ravi\r\n',
      'number\nnot a number\n12345\n',
      '\u0000\n9876543210\u0000\n',
      '{"numbers":["9876543210"]}',
      `${'9'.repeat(5000)}\n`,
    )),
    get(accountIds.map((id) => `/api/accounts/${id}/reports`)),
    // The console's overview and misses: hours inside and outside 1…720, methods known and not, repeated and odd parameters.
    get(fc.tuple(fc.constantFrom('overview', 'misses'), fc.option(accountIds, { nil: undefined }), fc.option(hourCounts, { nil: undefined }), fc.option(fc.constantFrom('validateDateAndTime', 'FINDLANGUAGE', ' findLanguage', 'noSuchMethod', '', '%00', 'x'.repeat(65)), { nil: undefined }), fc.option(fc.constantFrom('1', '500', '0', '501', 'x', 'limit=1'), { nil: undefined }), fc.constantFrom('', '', '&hours=1', '&colour=red', '&accountId=1&accountId=2')).map(
      ([route, id, hours, method, limit, extra]) => `/api/${route}?${[id && `accountId=${id}`, hours && `hours=${q(hours)}`, method !== undefined && `method=${method}`, limit && `limit=${limit}`].filter(Boolean).join('&')}${extra}`,
    )),
    post(fc.constant('/api/numbering/import'), fc.constantFrom(
      '',
      'series,operator,circle\n',
      'garbage',
      'series,operator,circle,circle_code,operator_legacy,operator_original,operator_status,operator_source,libphonenumber_operator,operator_agrees,circle_alt,confidence,sources,note\n99999,AIRTEL,MUMBAI,MU,AIRTEL,BHARTI AIRTEL,active,import,,Y,,high,fuzz,\n',
      'series,operator,circle,circle_code,operator_legacy,operator_original,operator_status,operator_source,libphonenumber_operator,operator_agrees,circle_alt,confidence,sources,note\n12,???,NOWHERE,ZZ,,,,,,,,,,\n',
    )),
  );
  return fc
    .record({
      route,
      auth: fc.constantFrom<string | undefined>(`Bearer ${seed.adminToken}`, `Bearer ${seed.adminToken}`, `Bearer ${seed.adminToken}`, `Bearer ${seed.webhookToken}`, `Bearer ${seed.otherToken}`, undefined, 'Bearer nope'),
      contentType: fc.constantFrom<string | undefined>(...Array<string>(16).fill('application/json'), 'text/plain', undefined, 'application/x-www-form-urlencoded', 'text/csv'),
    })
    .map(({ route, auth, contentType }) => reportable({
      kind: route.url.startsWith('/api/') || route.url.startsWith('/UrlShortner/') ? ('api' as const) : ('redirect' as const),
      method: route.method,
      url: route.url,
      headers: {
        ...(auth !== undefined && { authorization: auth }),
        // The numbering and do-not-call imports take CSV; the plausible content type there is text/csv.
        ...('payload' in route && contentType !== undefined && { 'content-type': /^\/api\/(numbering\/import|accounts\/[^/]+\/dnc\/import)$/.test(route.url) && contentType === 'application/json' ? 'text/csv' : contentType }),
      },
      ...('payload' in route && { payload: route.payload }),
    }));
}

/** `GET`/`HEAD /{code}` and `/{code}/qr` on any host. */
export function redirectRequests(seed: FuzzSeed): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.constantFrom<FuzzRequest['method']>('GET', 'GET', 'HEAD'),
      code: fc.oneof(fc.constantFrom('my-slug', 'AAAAAAAA', 'healthz', 'api', 'console', '', 'x'.repeat(300)), fc.stringMatching(/^[A-Za-z0-9]{1,12}$/), oddText.map(encodeURIComponent)),
      qr: fc.constantFrom('', '', '/qr', '/qr?format=svg', '/qr?size=10', '/qr?size=abc&format=gif', '/qr?size=1024', '/qr?size=1025&format=svg'),
      host: fc.constantFrom(seed.shortDomain, 'localhost:80', 'evil.example', '', '[::1]', 'a..b'),
      accept: fc.constantFrom('text/html', 'application/json', '*/*', ''),
      // Distinct user agents up to 16 KB: bot detection must neither grow without bound nor choke (issue 16).
      userAgent: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('Mozilla/5.0', 'Googlebot/2.1 (+http://www.google.com/bot.html)', 'WhatsApp/2.23', '') },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('Mozilla/5.0 ', 'Googlebot/2.1 ', 'curl/8.0 '), fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 16 * 1024 }), fc.constantFrom('x', ' bot', 'é'))
          .map(([head, middle, length, filler]) => headerSafe(`${head}${middle}${filler.repeat(Math.ceil(length / filler.length))}`)) },
      ),
    })
    .map(({ method, code, qr, host, accept, userAgent }) => reportable({
      kind: 'redirect' as const,
      method,
      url: `/${code}${qr}`,
      headers: { ...(host && { host }), ...(accept && { accept }), ...(userAgent && { 'user-agent': userAgent }) },
    }));
}
