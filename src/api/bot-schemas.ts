/** Chatbots for linkcreation (docs/methods/linkcreation.md): what `/api/accounts/{id}/bots…` takes and answers. */
import { Type, type Static } from '@sinclair/typebox';
import { accountIdField } from './account-schemas.js';
import { Patterned } from '../kernel/patterned.js';

const linkMode = Type.Union([Type.Literal('query'), Type.Literal('opaque')], {
  description: '`query` (default): cli, botid and every variable in the link; `opaque`: only botUniqueID, the bot fetches the rest from /api/bot-sessions.',
});
const botFields = {
  // Not dots alone: `.` and `..` in a path are resolved away by HTTP clients, so such a bot could not be managed.
  botId: Patterned('^(?!\\.+$)[A-Za-z0-9_.-]{1,128}$', 'must be 1–128 letters, digits, _, . or -, and not dots alone', { description: 'The id flows send as `$flow.key.botid`: letters, digits, `_`, `.`, `-`, not dots alone.', examples: ['support-bot'] }),
  baseUrl: Type.String({ minLength: 1, maxLength: 1024, description: "The bot's web address; variables are added as query parameters.", examples: ['https://bot.example.com/chat'] }),
  token: Type.String({ minLength: 8, maxLength: 256, description: 'The token flows send as `$flow.key.token` (stored hashed, never shown).' }),
  linkMode,
};
export const createBotBody = Type.Object({ ...botFields, linkMode: Type.Optional(linkMode) }, { additionalProperties: false });
export const updateBotBody = Type.Partial(Type.Omit(Type.Object(botFields), ['botId']), { additionalProperties: false, minProperties: 1 });
export const botParams = Type.Object({ id: accountIdField, botId: Type.String({ minLength: 1, maxLength: 128 }) });
export const sessionParams = Type.Object({ botUniqueID: Type.String({ minLength: 1, maxLength: 64 }) });

/** A bot as the API answers it (never its token); it types the handlers, not declared as their response schema (docs/layout.md, api/). */
export const botResponse = Type.Object({
  accountId: Type.Integer(),
  botId: Type.String(),
  baseUrl: Type.String(),
  linkMode: Type.Union([Type.Literal('query'), Type.Literal('opaque')]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Bot = Static<typeof botResponse>;
