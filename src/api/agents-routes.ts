import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountCache } from '../accounts/cache.js';
import { nextAgent } from '../methods/allocate-agent/allocate-agent.js';
import { breakSummary, readPeriod } from '../agents/breaks.js';
import { phoneNumberE164 } from '../phone/contact-id.js';
import { AppError } from '../kernel/errors.js';
import type { Account } from '../storage/accounts.js';
import {
  accountPauseHistory,
  changeAgentPause,
  deleteAgent,
  findAgent,
  insertAgent,
  listAgents,
  pauseHistory,
  updateAgent,
} from '../storage/agents.js';
import { isUniqueViolation, type Database } from '../storage/db.js';
import { assertAccountAccess, existingAccount, fieldErrors } from './access.js';
import { accountIdField } from './account-schemas.js';

export interface AgentRouteDeps {
  db: Database;
  accounts: AccountCache;
  clock: () => Date;
}

const cliField = Type.String({ minLength: 1, maxLength: 32, description: "The agent's number, with or without country code; stored in E.164 using the account's country.", examples: ['9876543210'] });
const nameField = Type.String({ minLength: 1, maxLength: 200, examples: ['Asha'] });

const accountParams = Type.Object({ id: accountIdField });
const agentParams = Type.Object({ id: accountIdField, cli: Type.String({ minLength: 1, maxLength: 32 }) });
const createAgentBody = Type.Object({ cli: cliField, name: nameField }, { additionalProperties: false });
const updateAgentBody = Type.Object(
  {
    cli: Type.Optional(cliField),
    name: Type.Optional(nameField),
    paused: Type.Optional(Type.Boolean({ description: 'Puts the agent on or off break; recorded in the history with source `api`.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
const periodQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date-time with an offset. Default: 24 hours before `to`.' })),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date-time with an offset. Default: now.' })),
  },
  { additionalProperties: false },
);

const agentResponse = Type.Object({
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
const historyResponse = Type.Object({
  cli: Type.String(),
  name: Type.String(),
  paused: Type.Boolean(),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  ...breakFields,
  events: Type.Array(Type.Object({ paused: Type.Boolean(), at: Type.String({ format: 'date-time' }), source: Type.String() })),
});
const breaksResponse = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  agents: Type.Array(Type.Object({ cli: Type.String(), name: Type.String(), paused: Type.Boolean(), ...breakFields })),
});


/** `/api/accounts/{id}/agents…`: direct-dial agents, their breaks and allocation (docs/methods/agents.md, §3). */
export async function agentRoutes(server: FastifyInstance, deps: AgentRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;

  async function accountFor(request: FastifyRequest, id: number, access: 'read' | 'write'): Promise<Account> {
    assertAccountAccess(request, id, access);
    return existingAccount(id, deps.accounts.get);
  }

  /** The agent number of a path: a number that is not a valid phone number names no agent. */
  function agentNumber(account: Account, cli: string): string {
    const number = phoneNumberE164(cli, account.country);
    if (!number) throw new AppError('NOT_FOUND', 'Agent not found.');
    return number;
  }

  function bodyNumber(account: Account, cli: string): string {
    const number = phoneNumberE164(cli, account.country);
    if (!number) throw fieldErrors([{ field: 'cli', message: `must be a valid phone number (national numbers are read as ${account.country})` }]);
    return number;
  }

  function period(query: Static<typeof periodQuery>) {
    const read = readPeriod(query, clock().getTime());
    if (!('from' in read)) throw fieldErrors(read.issues);
    return read;
  }

  app.post('/api/accounts/:id/agents', { schema: { params: accountParams, body: createAgentBody, response: { 201: agentResponse } } }, async (request, reply) => {
    const { id } = request.params;
    const account = await accountFor(request, id, 'write');
    const { cli, name } = request.body;
    try {
      return reply.code(201).send(await insertAgent(db, id, { cli: bodyNumber(account, cli), name: name.trim() }, clock().getTime()));
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', 'An agent with that number already exists in this account.');
      throw error;
    }
  });

  app.get('/api/accounts/:id/agents', { schema: { params: accountParams, response: { 200: Type.Array(agentResponse) } } }, async (request) => {
    const { id } = request.params;
    await accountFor(request, id, 'read');
    return listAgents(db, id);
  });

  app.get('/api/accounts/:id/agents/breaks', { schema: { params: accountParams, querystring: periodQuery, response: { 200: breaksResponse } } }, async (request) => {
    const { id } = request.params;
    await accountFor(request, id, 'read');
    const { from, to } = period(request.query);
    const until = Math.min(to, clock().getTime());
    const [agents, histories] = await Promise.all([listAgents(db, id), accountPauseHistory(db, id, from, to)]);
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      agents: agents.map((agent) => {
        const history = histories.get(agent.cli) ?? { pausedAtStart: false, events: [] };
        return { cli: agent.cli, name: agent.name, paused: agent.paused, ...breakSummary(history.pausedAtStart, history.events, from, until) };
      }),
    };
  });

  app.post('/api/accounts/:id/agents/allocate', { schema: { params: accountParams } }, async (request) => {
    const { id } = request.params;
    await accountFor(request, id, 'write');
    const allocated = await nextAgent(db, id, clock().getTime(), true);
    if ('issue' in allocated) throw new AppError(allocated.issue.code, allocated.issue.message);
    return allocated.agent;
  });

  app.get('/api/accounts/:id/agents/:cli', { schema: { params: agentParams, response: { 200: agentResponse } } }, async (request) => {
    const { id, cli } = request.params;
    const account = await accountFor(request, id, 'read');
    const agent = await findAgent(db, id, agentNumber(account, cli));
    if (!agent) throw new AppError('NOT_FOUND', 'Agent not found.');
    return agent;
  });

  app.patch('/api/accounts/:id/agents/:cli', { schema: { params: agentParams, body: updateAgentBody, response: { 200: agentResponse } } }, async (request) => {
    const { id, cli } = request.params;
    const account = await accountFor(request, id, 'write');
    const input = request.body;
    const current = agentNumber(account, cli);
    const fields = { ...(input.cli !== undefined && { cli: bodyNumber(account, input.cli) }), ...(input.name !== undefined && { name: input.name.trim() }) };
    const now = clock().getTime();
    try {
      // The new number, name and break state change together or not at all.
      const agent = await db.transaction().execute(async (trx) => {
        let updated = await updateAgent(trx, id, current, fields, now);
        if (updated && input.paused !== undefined) updated = (await changeAgentPause(trx, id, updated.cli, input.paused, 'api', now))?.agent;
        return updated;
      });
      if (!agent) throw new AppError('NOT_FOUND', 'Agent not found.');
      return agent;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', 'Another agent of this account has that number.');
      throw error;
    }
  });

  app.delete('/api/accounts/:id/agents/:cli', { schema: { params: agentParams } }, async (request, reply) => {
    const { id, cli } = request.params;
    const account = await accountFor(request, id, 'write');
    if (!(await deleteAgent(db, id, agentNumber(account, cli)))) throw new AppError('NOT_FOUND', 'Agent not found.');
    return reply.code(204).send();
  });

  app.get('/api/accounts/:id/agents/:cli/history', { schema: { params: agentParams, querystring: periodQuery, response: { 200: historyResponse } } }, async (request) => {
    const { id, cli } = request.params;
    const account = await accountFor(request, id, 'read');
    const agent = await findAgent(db, id, agentNumber(account, cli));
    if (!agent) throw new AppError('NOT_FOUND', 'Agent not found.');
    const { from, to } = period(request.query);
    const history = await pauseHistory(db, agent.id, from, to);
    return {
      cli: agent.cli,
      name: agent.name,
      paused: agent.paused,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      ...breakSummary(history.pausedAtStart, history.events, from, Math.min(to, clock().getTime())),
      events: history.events.map((event) => ({ paused: event.paused, at: new Date(event.at).toISOString(), source: event.source })),
    };
  });
}
