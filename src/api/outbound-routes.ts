import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hashSecurityId } from '../methods/outbound/create-outbound.js';
import { outboundFlowIssues } from '../methods/outbound/rules.js';
import type { DestinationGuard } from '../net/destinations.js';
import { AppError } from '../protocol/errors.js';
import { findAccount } from '../storage/accounts.js';
import { isUniqueViolation, type Database } from '../storage/db.js';
import { deleteOutboundFlow, findOutboundFlow, insertOutboundFlow, listOutboundFlows, updateOutboundFlow } from '../storage/outbound-flows.js';
import { cancelOutboundRequest, findOutboundRequest, listOutboundRequests } from '../storage/outbound-requests.js';
import { assertAccountAccess, fieldErrors } from './access.js';
import { assertDestinationField } from './destination-field.js';
import { accountIdParams } from './account-schemas.js';
import {
  createOutboundFlowBody,
  createdOutboundFlowResponse,
  listOutboundRequestsQuery,
  outboundFlowParams,
  outboundFlowResponse,
  outboundRequestParams,
  outboundRequestSummaryResponse,
  updateOutboundFlowBody,
  type CreateOutboundFlowBody,
  type ListOutboundRequestsQuery,
  type UpdateOutboundFlowBody,
} from './outbound-schemas.js';

export interface OutboundRouteDeps {
  db: Database;
  clock: () => Date;
  /** Which addresses a dialerUrl may reach (FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS). */
  destinations: DestinationGuard;
}

/** Outbound flows of an account, and the status and cancel of outbound requests (docs/management-api.md). */
export async function outboundRoutes(app: FastifyInstance, deps: OutboundRouteDeps): Promise<void> {
  const { db, clock, destinations } = deps;

  const requireAccount = async (id: number) => {
    if (!(await findAccount(db, id))) throw new AppError('NOT_FOUND', `Account ${id} not found.`);
  };

  app.post('/api/accounts/:id/outbound-flows', { schema: { params: accountIdParams, body: createOutboundFlowBody, response: { 201: createdOutboundFlowResponse } } }, async (request, reply) => {
    const { id } = request.params as { id: number };
    assertAccountAccess(request, id, 'write');
    await requireAccount(id);
    const input = request.body as CreateOutboundFlowBody;
    const issues = outboundFlowIssues(input);
    if (issues.length) throw fieldErrors(issues);
    await assertDestinationField(destinations, 'dialerUrl', input.dialerUrl);
    // Secrets are shown in this answer only; the security id is stored as a hash.
    const securityId = input.securityId ?? randomBytes(32).toString('hex');
    const dialerSecret = input.dialerSecret ?? randomBytes(32).toString('hex');
    try {
      const flow = await insertOutboundFlow(
        db,
        id,
        input.flowId,
        hashSecurityId(securityId),
        { name: input.name, dialerUrl: input.dialerUrl, dialerSecret, throttlePerSecond: input.throttlePerSecond ?? null, callingWindow: input.callingWindow ?? null },
        clock().getTime(),
      );
      return reply.code(201).send({ ...flow, securityId, dialerSecret });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', `Outbound flow ${input.flowId} already exists in account ${id}.`);
      throw error;
    }
  });

  app.get('/api/accounts/:id/outbound-flows', { schema: { params: accountIdParams } }, async (request) => {
    const { id } = request.params as { id: number };
    assertAccountAccess(request, id, 'read');
    await requireAccount(id);
    return listOutboundFlows(db, id);
  });

  app.get('/api/accounts/:id/outbound-flows/:flowId', { schema: { params: outboundFlowParams, response: { 200: outboundFlowResponse } } }, async (request) => {
    const { id, flowId } = request.params as { id: number; flowId: string };
    assertAccountAccess(request, id, 'read');
    const flow = await findOutboundFlow(db, id, flowId);
    if (!flow) throw new AppError('NOT_FOUND', `Outbound flow ${flowId} not found.`);
    return flow;
  });

  app.patch('/api/accounts/:id/outbound-flows/:flowId', { schema: { params: outboundFlowParams, body: updateOutboundFlowBody, response: { 200: outboundFlowResponse } } }, async (request) => {
    const { id, flowId } = request.params as { id: number; flowId: string };
    assertAccountAccess(request, id, 'write');
    const input = request.body as UpdateOutboundFlowBody;
    const issues = outboundFlowIssues(input);
    if (issues.length) throw fieldErrors(issues);
    if (input.dialerUrl !== undefined) await assertDestinationField(destinations, 'dialerUrl', input.dialerUrl);
    const flow = await updateOutboundFlow(db, id, flowId, input, clock().getTime());
    if (!flow) throw new AppError('NOT_FOUND', `Outbound flow ${flowId} not found.`);
    return flow;
  });

  app.delete('/api/accounts/:id/outbound-flows/:flowId', { schema: { params: outboundFlowParams } }, async (request, reply) => {
    const { id, flowId } = request.params as { id: number; flowId: string };
    assertAccountAccess(request, id, 'write');
    if (!(await deleteOutboundFlow(db, id, flowId, clock().getTime()))) throw new AppError('NOT_FOUND', `Outbound flow ${flowId} not found.`);
    return reply.code(204).send();
  });

  app.get(
    '/api/accounts/:id/outbound-requests',
    { schema: { params: accountIdParams, querystring: listOutboundRequestsQuery, response: { 200: outboundRequestSummaryResponse } } },
    async (request) => {
      const { id } = request.params as { id: number };
      assertAccountAccess(request, id, 'read');
      await requireAccount(id);
      const { flowId, limit } = request.query as ListOutboundRequestsQuery;
      return listOutboundRequests(db, id, { flowId, limit });
    },
  );

  app.get('/api/outbound-requests/:requestId', { schema: { params: outboundRequestParams } }, async (request) => {
    const { requestId } = request.params as { requestId: string };
    const found = await findOutboundRequest(db, requestId);
    if (!found) throw new AppError('NOT_FOUND', `Outbound request ${requestId} not found.`);
    assertAccountAccess(request, found.accountId, 'read', `Outbound request ${requestId} not found.`);
    return found;
  });

  app.post('/api/outbound-requests/:requestId/cancel', { schema: { params: outboundRequestParams } }, async (request) => {
    const { requestId } = request.params as { requestId: string };
    const found = await findOutboundRequest(db, requestId);
    if (!found) throw new AppError('NOT_FOUND', `Outbound request ${requestId} not found.`);
    assertAccountAccess(request, found.accountId, 'write', `Outbound request ${requestId} not found.`);
    const cancelled = await cancelOutboundRequest(db, requestId, clock().getTime());
    return { cancelledJobs: cancelled, request: await findOutboundRequest(db, requestId) };
  });
}
