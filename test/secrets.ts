/**
 * Every credential the tests use, in one place. The suite-wide log check
 * (test/log-check.global.ts, test/log-leaks.ts) refuses a log line carrying
 * any of them, and test/log-leaks.test.ts fails when a test file writes a
 * token, key or secret as a literal instead of importing it from here — so a
 * new test secret cannot be left out of the check.
 *
 * Wrong tokens a test sends on purpose are here too: a refused token is
 * often a real one mistyped, and must not be logged either.
 */

// The module's own exports: a secret added below is in allTestSecrets() without a second list to keep.
import * as exported from './secrets.js';

const whsec = (text: string) => `whsec_${Buffer.from(text).toString('base64')}`;

export const adminToken = 'admin-token-for-tests-000001';
export const webhookToken = 'webhook-token-for-tests-0001';
/** FLOWHOOKS_ADMIN_TOKEN / FLOWHOOKS_WEBHOOK_TOKEN after a rotation (test/token-lifecycle.test.ts, test/two-nodes.test.ts). */
export const rotatedAdminToken = 'admin-token-after-rotation-02';
export const rotatedWebhookToken = 'webhook-token-after-rotation2';
export const metricsToken = 'metrics-token-for-tests-0001';
/** The settings tokens of src/auth/bootstrap.test.ts. */
export const bootstrapAdminToken = 'admin-token-from-settings-01';
export const bootstrapWebhookToken = 'webhook-token-from-settings1';

/** Dialer signing secrets, Standard Webhooks form (whsec_ + base64). */
export const dialerSecret = 'whsec_ZGlhbGVyLXNlY3JldC1mb3ItdGVzdHMtMDAwMQ==';
export const processDialerSecret = 'whsec_ZGlhbGVyLXNlY3JldC1mb3ItcHJvY2Vzcy0wMQ==';
export const metricsDialerSecret = 'whsec_ZGlhbGVyLXNlY3JldC1mb3ItbWV0cmljcy0wMQ==';
export const shutdownDialerSecret = 'whsec_ZGlhbGVyLXNlY3JldC1mb3Itc2h1dGRvd24tMDE=';
export const postmanDialerSecret = 'whsec_ZGlhbGVyLXNlY3JldC1mb3ItcG9zdG1hbi0wMQ==';
export const loopDialerSecret = whsec('outbound-loop-dialer-secret-01');
/** A secret of no flow: reports signed with it are refused. */
export const strangerDialerSecret = whsec('some-other-flow-secret-000001');

/** Translation provider keys: the server's (FLOWHOOKS_TRANSLATE_API_KEY) and ones a call brings. */
export const serverTranslationKey = 'server-side-key-0001';
export const metricsTranslationKey = 'translation-key-for-metrics-01';
export const callTranslationKey = 'call-key-AIzaSyExample0000000000';
export const secondCallTranslationKey = 'call-key-0002';
/** Signs that a query string must encode. */
export const providerKeyWithSigns = 'provider/key+signs-0001';
export const providerKey = 'provider-key-for-tests-0001';
export const failingProviderKey = 'secret-key-123';
export const libreTranslateKey = 'libretranslate-key-0001';
/** Shaped like a Google API key (AIza and 35 more): a provider's message loses any such key, whoever's it is. */
export const googleShapedKey = 'AIzaSyFlowhooksTestKey00000000000000000';
export const otherGoogleShapedKey = 'AIzaSyAnotherProjectsKey999999999999999';

/** Chatbot tokens (POST /api/accounts/:id/bots). */
export const supportBotToken = 'support-token-1';
export const privateBotToken = 'private-token-1';
export const brandBotToken = 'brand-token-1';
/** A bot's token after a rotation (src/bots/cache.http.test.ts). */
export const rotatedBotToken = 'support-token-after-rotation-2';
export const otherBotToken = 'another-bot-token-0001';
export const unitBotToken = 'bot-token-123';
export const fuzzBotToken = 'fuzz-bot-token-01';

/** Short-URL customer tokens (custToken). */
export const shortCustomerToken = 'abcd1234-cust-token';
export const limitsCustomerToken = 'limits-cust-token';
export const metricsCustomerToken = 'metrics-cust-token';
export const fuzzCustomerToken = 'fuzz-cust-token';
export const fuzzSecondCustomerToken = 'cust-token-0002';
export const fuzzThirdCustomerToken = 'cust-token-0003';

/** Tokens tests send on purpose and expect refused. */
export const unknownTokens = {
  webhook: 'not-a-real-token-at-all',
  webhookOther: 'unknown-token-value-123',
  plain: 'not-a-token-0000000000',
  short: 'not-a-token-at-all-000',
  metrics: 'not-a-known-token-0000',
  customer: 'guessed-cust-token',
  nobodyCustomer: 'nobody-token',
  tooShortAdmin: 'short-secret',
} as const;

/**
 * Every secret above, and the base64 part of each whsec_ secret on its own:
 * a log line must not carry it even without its prefix.
 */
export function allTestSecrets(): string[] {
  const values = Object.entries(exported)
    .filter(([name]) => name !== 'allTestSecrets')
    .flatMap(([, value]) => (typeof value === 'string' ? [value] : Object.values(value as Record<string, string>)));
  const withoutPrefix = values.filter((value) => value.startsWith('whsec_')).map((value) => value.slice('whsec_'.length));
  return [...new Set([...values, ...withoutPrefix])];
}
