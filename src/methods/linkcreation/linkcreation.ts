import { Type } from '@sinclair/typebox';
import { defineMethod, failure, success } from '../contract.js';
import { accountParam, accountParams } from '../shared-params.js';
import { matchesSha256Hex } from '../../kernel/hash.js';
import { randomBase62 } from '../../shortener/codes.js';
import { maxLongUrlLength } from '../../shortener/long-url.js';
import { findBotAndLinkOwner, insertBotSession, insertLinkWithSession, type BotAndLinkOwner } from '../../storage/bots.js';
import { isForeignKeyViolation } from '../../storage/db.js';
import { botUrl, sessionVariables } from './rules.js';

const shortenUrlName = '$flow.key.shortenUrl';
const botUniqueIdName = '$flow.key.botUniqueID';
const emptyOutputs = [
  { name: shortenUrlName, value: '' },
  { name: botUniqueIdName, value: '' },
];

export const linkcreation = defineMethod({
  name: 'linkcreation',
  summary: "Builds a personalised chatbot link (the bot's base URL with cli, botid and every other passed variable, or only botUniqueID for opaque bots), shortens it on the account's short domain and stores the session context.",
  params: Type.Object({
    '$flow.key.cli': Type.String({ maxLength: 64, description: "The customer's number (or id), passed to the bot as `cli`.", examples: ['918160712345'] }),
    '$flow.key.botid': Type.String({ maxLength: 128, description: 'The bot, as registered on the account.', examples: ['support-bot'] }),
    '$flow.key.token': Type.String({ maxLength: 256, description: "The bot's token; never put in the link.", examples: ['bot-token-123'] }),
    ...accountParams,
  }),
  accountParam,
  outputs: [
    { name: shortenUrlName, description: 'The short URL to send the customer.', example: 'https://phn.io/BEK4YYnx' },
    { name: botUniqueIdName, description: 'Identifies this bot session; `GET /api/bot-sessions/{botUniqueID}` returns its variables.', example: 'q3V9XkT2mL8pR1sZ7bNc' },
  ],
  // A failure still sets both outputs, empty, so a flow that reads them reads nothing stale (as translateText's do).
  failureOutputs: emptyOutputs,
  async handle({ params, keys }, { account, db, receivedAt, shortener, bots }) {
    if (!shortener) throw new Error('linkcreation needs the shortener');
    const botId = params['$flow.key.botid'];
    const { bot, owner } = await (bots ? bots.get(account.id, botId) : findBotAndLinkOwner(db, account.id, botId));
    if (!bot) return failure('UNKNOWN_BOT', `The account has no bot "${botId.slice(0, 64)}".`, emptyOutputs);
    if (!matchesSha256Hex(params['$flow.key.token'], bot.tokenHash)) return failure('INVALID_BOT_TOKEN', 'The token is not this bot\'s token.', emptyOutputs);
    const cli = params['$flow.key.cli'];
    const variables = sessionVariables(keys, cli, botId);
    const botUniqueID = randomBase62(20);
    const longUrl = botUrl(bot.baseUrl, variables, bot.linkMode, botUniqueID);
    if (longUrl.length > maxLongUrlLength) {
      return failure('LINK_TOO_LONG', `The bot link would be ${longUrl.length} characters (at most ${maxLongUrlLength}); set the bot's linkMode to opaque.`, emptyOutputs);
    }
    // The account's oldest short-URL customer and its first domain; the default domain without one.
    // The link carries botUniqueID, drawn above, so no stored link has its URL (urlIsNew); the session
    // is stored with the link (one statement on PostgreSQL), its short URL made from the code drawn.
    const session = { botUniqueID, accountId: account.id, botId, cli, variables };
    const shorten = (linkOwner: BotAndLinkOwner['owner']) =>
      shortener.create(
        {
          accountId: account.id,
          customerId: linkOwner?.customerId ?? null,
          longUrl,
          domain: linkOwner?.domain ?? '',
          urlIsNew: true,
          insert: (values, at) => insertLinkWithSession(db, values, { ...session, shortUrl: shortener.shortUrlOf(values) }, at),
        },
        // The link and its session are real on both stages: made at the server's time, never a pinned testNow (docs/protocol.md).
        receivedAt.getTime(),
      );
    const { link, created } = await shorten(owner).catch(async (error: unknown) => {
      // A cached owner removed on another node since (its links go with it): read the owner afresh, once.
      if (!bots || !isForeignKeyViolation(error)) throw error;
      bots.evictAccount(account.id);
      return shorten((await bots.get(account.id, botId)).owner);
    });
    const shortUrl = shortener.shortUrlOf(link);
    // A stored link had this URL after all and is answered instead: the session is stored for it alone.
    if (!created) await insertBotSession(db, { ...session, shortUrl }, receivedAt.getTime());
    return success([
      { name: shortenUrlName, value: shortUrl },
      { name: botUniqueIdName, value: botUniqueID },
    ]);
  },
});
