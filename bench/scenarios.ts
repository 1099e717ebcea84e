import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustCall } from '../harness/client.js';
import { repoRoot } from '../harness/process.js';
import { only, onlyParts } from './options.js';

/**
 * The bench's scenarios (docs/benchmark.md): what each webhook call sends, and
 * the data they read, seeded through the API and webhooks as a user would.
 */

export const token = 'bench-webhook-token-000000001';
export const adminToken = 'bench-admin-token-00000000001';
export const benchClientId = 'benchclient0001';
export const benchDialerSecret = `whsec_${Buffer.from('bench-dialer-secret-000001').toString('base64')}`;

/** What seed() made that scenarios name: the outbound flow createOutbound schedules on, and the short URL. */
export interface Seeded {
  flow: { flowId: string; securityId: string };
  shortCode: string;
}

export interface Scenario {
  name: string;
  method: string;
  keys: (seeded: Seeded) => Array<{ name: string; value: string }>;
  /** A GET scenario instead of a webhook call: the path on flowhooks and on the bare server, and headers. */
  get?: { path: (seeded: Seeded) => string; baselinePath: string; headers: Record<string, string> };
}

const randomMobile = () => `98${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const knownContact = '9876543210';
// Callers across the mobile ranges (some series known, some not) and a few landlines.
const callerPrefixes = ['98', '99', '97', '94', '90', '88', '82', '79', '75', '70', '63', '080', '022', '0120'];
const randomCaller = () => {
  const prefix = callerPrefixes[Math.floor(Math.random() * callerPrefixes.length)] as string;
  const length = prefix.startsWith('0') ? 11 : 10;
  return prefix + String(Math.floor(Math.random() * 10 ** (length - prefix.length))).padStart(length - prefix.length, '0');
};

// Callers who stored a language; the second findLanguage scenario calls as one of them, in another written form.
const preferringCallers = Array.from({ length: 200 }, (_, index) => `+91 97770 ${String(index).padStart(5, '0')}`);
const preferredLanguages = ['TAMIL', 'TELUGU', 'BENGALI', 'ENGLISH'];

// Direct-dial agents seeded through the API; the pause scenario toggles a random one.
const agentNumbers = Array.from({ length: 20 }, (_, index) => `97000000${String(index).padStart(2, '0')}`);

/** The bare handler's one link (bench/bare-server.ts), which the redirect's floor stores too (bench/ceiling.ts). */
export const bareLink = { code: 'bench001', longUrl: 'https://example.com/landing?campaign=diwali' };

export const browser = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
/** The headers of a redirect as a phone's browser asks for it: every load of a redirect, the service's or a floor's, sends these. */
export const browserHeaders = { 'user-agent': browser, accept: 'text/html' };
const benchBot = { botId: 'bench-bot', token: 'bench-bot-token-000001' };

// Prompts a flow translates again and again: after the seeding call each is a cache hit.
const prompts = ['Press 1 for your balance', 'Your appointment is confirmed', 'Please hold, an agent will join you', 'Thank you for calling', 'Say your date of birth'];

export const allScenarios: Scenario[] = [
  {
    name: 'translateText (cache hit)',
    method: 'translateText',
    keys: () => [
      { name: '$flow.key.inputText', value: prompts[Math.floor(Math.random() * prompts.length)]! },
      { name: '$flow.key.targetLang', value: 'Hindi' },
    ],
  },
  {
    name: 'fetchUserPreferences',
    method: 'fetchUserPreferences',
    keys: () => [{ name: '$user.syskey.contactNumber', value: knownContact }],
  },
  {
    name: 'updateUserPreferences',
    method: 'updateUserPreferences',
    keys: () => [
      { name: '$user.syskey.contactNumber', value: randomMobile() },
      { name: '$user.key.language', value: 'HINDI' },
      { name: '$user.key.bestTime', value: 'evening' },
    ],
  },
  {
    name: 'pullreport',
    method: 'pullreport',
    keys: () => [
      { name: '$flow.key.reportType', value: 'call' },
      { name: '$flow.key.flowid', value: '58' },
      { name: '$flow.key.starttime', value: '2021-01-11T09:00:00.000+5:30' },
      { name: '$flow.key.dtmf', value: '1' },
      { name: '$flow.key.dnis', value: '18001234567' },
      { name: '$flow.key.callId', value: randomUUID() },
      { name: '$flow.key.language', value: 'HINDI' },
      { name: '$flow.key.campaign', value: 'diwali' },
    ],
  },
  {
    // Callers with nothing stored: the preference read misses, the circle answers.
    name: 'findLanguage (nothing stored)',
    method: 'findLanguage',
    keys: () => [
      { name: '$flow.key.cli', value: randomCaller() },
      { name: '$flow.key.languageSupported', value: 'HINDI,ENGLISH,MARATHI,TELGU,TAMIL,BENGALI' },
    ],
  },
  {
    // Callers who chose a language before (seeded with updateUserPreferences): the preference read answers.
    name: 'findLanguage (stored preference)',
    method: 'findLanguage',
    keys: () => [
      { name: '$flow.key.cli', value: preferringCallers[Math.floor(Math.random() * preferringCallers.length)]! },
      { name: '$flow.key.languageSupported', value: 'HINDI,ENGLISH,MARATHI,TELGU,TAMIL,BENGALI' },
    ],
  },
  {
    name: 'updatePauseStatusForCLI (toggle)',
    method: 'updatePauseStatusForCLI',
    keys: () => [{ name: '$flow.key.cli', value: agentNumbers[Math.floor(Math.random() * agentNumbers.length)]! }],
  },
  {
    name: 'allocateAgent',
    method: 'allocateAgent',
    keys: () => [],
  },
  {
    name: 'validateDateAndTime',
    method: 'validateDateAndTime',
    keys: () => [
      { name: '$flow.key.inputDate', value: dateInputs[Math.floor(Math.random() * dateInputs.length)]! },
      { name: '$flow.key.validMAxDays', value: '10' },
    ],
  },
  {
    // The utterance corpus of the understanding module (docs/methods/validate-date-and-time.md): sentences, spoken forms, typos, Hindi and other Indian languages.
    name: 'validateDateAndTime (corpus mix)',
    method: 'validateDateAndTime',
    keys: () => [
      { name: '$flow.key.inputDate', value: corpusInputs[Math.floor(Math.random() * corpusInputs.length)]! },
      { name: '$flow.key.validMAxDays', value: '10' },
    ],
  },
  {
    // A week ahead, so the jobs stay in the table and the dispatcher stays idle during the load.
    name: 'createOutbound (1 number, due in 7 days)',
    method: 'createOutbound',
    keys: ({ flow }) => [
      { name: '$flow.syskey.securityID', value: flow.securityId },
      { name: '$flow.syskey.flowID', value: flow.flowId },
      { name: '$flow.syskey.clientID', value: benchClientId },
      { name: '$flow.syskey.delayMinutes', value: '10080' },
      { name: '$flow.syskey.contactNumbers', value: randomMobile() },
    ],
  },
  {
    // Every call stores a bot session and a short URL.
    name: 'linkcreation',
    method: 'linkcreation',
    keys: () => [
      { name: '$flow.key.cli', value: randomMobile() },
      { name: '$flow.key.botid', value: benchBot.botId },
      { name: '$flow.key.token', value: benchBot.token },
      { name: '$flow.key.orderId', value: randomUUID() },
    ],
  },
  {
    // GET /{code} as a phone's browser sends it: cached lookup, visit recorded in the background.
    name: 'short URL redirect (visit recorded)',
    method: 'GET',
    keys: () => [],
    get: { path: ({ shortCode }) => `/${shortCode}`, baselinePath: `/${bareLink.code}`, headers: browserHeaders },
  },
];

/**
 * Every utterance of the corpus that names a day (refusals answer 422 and would count as errors), less the
 * festivals, which resolve only through the corpus's own calendar; fixed-date national days stay.
 */
const corpusInputs: string[] = (() => {
  const corpus = JSON.parse(readFileSync(join(repoRoot, 'src', 'methods', 'validate-date-and-time', 'understand', 'corpus.json'), 'utf8')) as { utterances: Record<string, Array<[string, string]>> };
  return Object.entries(corpus.utterances)
    .filter(([category]) => category !== 'named-days')
    .flatMap(([, lines]) => lines.filter(([, expected]) => expected !== 'REFUSE').map(([text]) => text))
    .concat(['republic day', 'christmas', 'independence day', 'gandhi jayanti']);
})();

/** A mix of what callers say: ISO, day-first, English and Hindi; the account has holidays seeded. */
const dateInputs = ['2026-12-24T10:30:00+05:30', '25-12-2026', 'tomorrow at 5 pm', 'day after tomorrow', 'next monday', 'kal', 'in 3 days'];

/** BENCH_ONLY measures only the scenarios it names. */
export const scenarios = only ? allScenarios.filter((scenario) => onlyParts.some((part) => scenario.name.toLowerCase().includes(part))) : allScenarios;

/** What one webhook call of a load sends: the method and, for each request, its keys. */
export interface WebhookLoad {
  method: string;
  keys: () => Array<{ name: string; value: string }>;
}

/** The bare handler's POST load. */
export const bareLoad: WebhookLoad = { method: 'bare', keys: () => [{ name: '$flow.key.x', value: '1' }] };

/** A webhook scenario's load on a seeded server. */
export const loadOf = (scenario: Scenario, seeded: Seeded): WebhookLoad => ({ method: scenario.method, keys: () => scenario.keys(seeded) });

/** Account 1 gets a clientId and an outbound flow pointing at `dialerUrl`. */
export async function seedOutboundFlow(address: string, flowId: string, dialerUrl: string): Promise<{ flowId: string; securityId: string }> {
  await mustCall(address, 'PATCH', '/api/accounts/1', { clientId: benchClientId }, adminToken);
  const flow = await mustCall(address, 'POST', '/api/accounts/1/outbound-flows', { flowId, name: 'Bench', dialerUrl, dialerSecret: benchDialerSecret }, adminToken);
  return { flowId, securityId: String(flow.securityId) };
}

/** What the scenarios read: an outbound flow, cached translations, a contact, agents, holidays, a short URL and a bot. */
export async function seed(address: string): Promise<Seeded> {
  const flow = await seedOutboundFlow(address, 'BENCH001', 'http://127.0.0.1:9/never-called');
  for (const prompt of prompts) {
    await mustCall(address, 'POST', '/webhook', { method: 'translateText', keys: [{ name: '$flow.key.inputText', value: prompt }, { name: '$flow.key.targetLang', value: 'Hindi' }] }, token);
  }
  await mustCall(address, 'POST', '/webhook', { method: 'updateUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: knownContact }, { name: '$user.key.language', value: 'TAMIL' }] }, token);
  for (const [index, caller] of preferringCallers.entries()) {
    // Stored as 9777000000 (national form); called as +91 97770 00000: the same E.164 identity.
    const stored = caller.replace(/^\+91 /, '').replace(/ /g, '');
    await mustCall(address, 'POST', '/webhook', { method: 'updateUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: stored }, { name: '$user.key.language', value: preferredLanguages[index % preferredLanguages.length]! }] }, token);
  }
  // The scenario must measure what it says: a seeded caller is answered from the stored preference.
  const check = await mustCall(address, 'POST', '/webhook', { method: 'findLanguage', keys: [{ name: '$flow.key.cli', value: preferringCallers[1]! }, { name: '$flow.key.languageSupported', value: 'HINDI,TELGU' }] }, token);
  const source = (check.keys as Array<{ name: string; value: string }>).find((key) => key.name === '$flow.key.cliLanguageSource')?.value;
  if (source !== 'preference') throw new Error(`findLanguage (stored preference) would not read the stored preference (cliLanguageSource ${source})`);
  for (const [index, cli] of agentNumbers.entries()) await mustCall(address, 'POST', '/api/accounts/1/agents', { cli, name: `Agent ${index}` }, adminToken);
  await mustCall(address, 'POST', '/api/accounts/1/holidays/import', { country: 'IN', year: new Date().getFullYear() }, adminToken);
  await mustCall(address, 'POST', '/api/accounts/1/short-customers', { name: 'bench', custToken: 'bench-cust-token' }, adminToken);
  const shortened = await mustCall(address, 'POST', '/api/short-urls', { custToken: 'bench-cust-token', longUrl: 'https://example.com/landing?campaign=diwali' });
  const shortCode = new URL(String(shortened.shortUrl)).pathname.slice(1);
  await mustCall(address, 'POST', '/api/accounts/1/bots', { botId: benchBot.botId, baseUrl: 'https://bot.example.com/chat', token: benchBot.token }, adminToken);
  return { flow, shortCode };
}

