import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountCache } from '../accounts/cache.js';
import { nextAgent } from '../methods/allocate-agent/allocate-agent.js';
import { breakSummary, readPeriod } from '../agents/breaks.js';
import { phoneNumberE164 } from '../phone/contact-id.js';
import { AppError } from '../kernel/errors.js';
import { deleted, duplicate, routeDoc } from '../kernel/route-doc.js';
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
import { accountIdParams } from './account-schemas.js';
import { agentParams, agentResponse, breaksResponse, createAgentBody, historyResponse, periodQuery, updateAgentBody, type PeriodQuery } from './agent-schemas.js';

export interface AgentRouteDeps {
  db: Database;
  accounts: AccountCache;
  clock: () => Date;
}

const doc = routeDoc('Agents');

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

  function period(query: PeriodQuery) {
    const read = readPeriod(query, clock().getTime());
    if (!('from' in read)) throw fieldErrors(read.issues);
    return read;
  }

  const createDoc = doc('Register a direct-dial agent', { responses: duplicate });
  app.post('/api/accounts/:id/agents', { schema: { ...createDoc, params: accountIdParams, body: createAgentBody, response: { 201: agentResponse } } }, async (request, reply) => {
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

  app.get('/api/accounts/:id/agents', { schema: { ...doc('List agents with their break state'), params: accountIdParams, response: { 200: Type.Array(agentResponse) } } }, async (request) => {
    const { id } = request.params;
    await accountFor(request, id, 'read');
    return listAgents(db, id);
  });

  const breaksDoc = doc('Break time per agent over a period');
  app.get('/api/accounts/:id/agents/breaks', { schema: { ...breaksDoc, params: accountIdParams, querystring: periodQuery, response: { 200: breaksResponse } } }, async (request) => {
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

  const allocateDoc = doc('Allocate the longest-idle available agent', { responses: { '409': 'NO_AGENT_AVAILABLE: every agent is paused, or there is none.' } });
  app.post('/api/accounts/:id/agents/allocate', { schema: { ...allocateDoc, params: accountIdParams } }, async (request) => {
    const { id } = request.params;
    await accountFor(request, id, 'write');
    const allocated = await nextAgent(db, id, clock().getTime(), true);
    if ('issue' in allocated) throw new AppError(allocated.issue.code, allocated.issue.message);
    return allocated.agent;
  });

  app.get('/api/accounts/:id/agents/:cli', { schema: { ...doc('Read an agent'), params: agentParams, response: { 200: agentResponse } } }, async (request) => {
    const { id, cli } = request.params;
    const account = await accountFor(request, id, 'read');
    const agent = await findAgent(db, id, agentNumber(account, cli));
    if (!agent) throw new AppError('NOT_FOUND', 'Agent not found.');
    return agent;
  });

  const updateDoc = doc('Rename an agent or change its break state', { responses: duplicate });
  app.patch('/api/accounts/:id/agents/:cli', { schema: { ...updateDoc, params: agentParams, body: updateAgentBody, response: { 200: agentResponse } } }, async (request) => {
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

  app.delete('/api/accounts/:id/agents/:cli', { schema: { ...doc('Remove an agent', { responses: deleted }), params: agentParams } }, async (request, reply) => {
    const { id, cli } = request.params;
    const account = await accountFor(request, id, 'write');
    if (!(await deleteAgent(db, id, agentNumber(account, cli)))) throw new AppError('NOT_FOUND', 'Agent not found.');
    return reply.code(204).send();
  });

  const historyDoc = doc("An agent's pause and unpause events");
  app.get('/api/accounts/:id/agents/:cli/history', { schema: { ...historyDoc, params: agentParams, querystring: periodQuery, response: { 200: historyResponse } } }, async (request) => {
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
