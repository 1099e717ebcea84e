/** Direct-dial agents (docs/methods/agents.md): what `/api/accounts/{id}/agents…` takes and answers. */
import { Type, type Static } from '@sinclair/typebox';
import { accountIdField } from './account-schemas.js';
import { DisplayName } from '../kernel/patterned.js';
import { numberTextSchema } from '../methods/shared-params.js';

const cliField = numberTextSchema({ minLength: 1, description: "The agent's number, with or without country code, or a `tel:` or `sip:` URI that carries it; stored in E.164 using the account's country.", examples: ['9876543210'] });
const nameField = DisplayName({ maxLength: 200, examples: ['Asha'] });

export const agentParams = Type.Object({ id: accountIdField, cli: numberTextSchema({ minLength: 1 }) });
export const createAgentBody = Type.Object({ cli: cliField, name: nameField }, { additionalProperties: false });
export const updateAgentBody = Type.Object(
  {
    cli: Type.Optional(cliField),
    name: Type.Optional(nameField),
    paused: Type.Optional(Type.Boolean({ description: 'Puts the agent on or off break; recorded in the history with source `api`.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const periodQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date-time with an offset. Default: 24 hours before `to`.' })),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date-time with an offset. Default: now.' })),
  },
  { additionalProperties: false },
);

export const agentResponse = Type.Object({
  cli: Type.String(),
  name: Type.String(),
  paused: Type.Boolean(),
  pausedSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastAllocatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const breakFields = {
  totalBreakSeconds: Type.Integer({ description: 'Time on break inside the period (a break still running counts up to now).' }),
  breaks: Type.Integer({ description: 'Breaks overlapping the period.' }),
};
export const historyResponse = Type.Object({
  cli: Type.String(),
  name: Type.String(),
  paused: Type.Boolean(),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  ...breakFields,
  events: Type.Array(Type.Object({ paused: Type.Boolean(), at: Type.String({ format: 'date-time' }), source: Type.String() })),
});
export const breaksResponse = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  agents: Type.Array(Type.Object({ cli: Type.String(), name: Type.String(), paused: Type.Boolean(), ...breakFields })),
});
export type PeriodQuery = Static<typeof periodQuery>;

export type Agent = Static<typeof agentResponse>;
export type AgentHistory = Static<typeof historyResponse>;
