import { randomBytes } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { generateSecret } from '../adapters/delivery/standard-webhooks.js';
import { hashSecurityId } from '../methods/create-outbound/create-outbound.js';
import { announceFinal, cancelRequest } from '../methods/create-outbound/events.js';
import { effectiveRetryPolicy, outboundFlowIssues } from '../methods/create-outbound/rules.js';
import type { DestinationGuard } from '../net/destinations.js';
import { AppError } from '../kernel/errors.js';
import { deleted, duplicate, routeDoc } from '../kernel/route-doc.js';
import { findAccount } from '../storage/accounts.js';
import { isUniqueViolation, type Database } from '../storage/db.js';
import type { Dialect } from '../storage/dialect.js';
import {
  deleteOutboundFlow,
  findOutboundFlow,
  insertOutboundFlow,
  listOutboundFlows,
  rotateDialerSecret,
  setFlowPaused,
  updateOutboundFlow,
  type OutboundFlow,
} from '../storage/outbound-flows.js';
import { findOutboundRequest, listOutboundRequests } from '../storage/outbound-requests.js';
import { assertAccountAccess, existingAccount, fieldErrors } from './access.js';
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
  pauseResponse,
  rotatedSecretResponse,
  updateOutboundFlowBody,
  type CancelledRequest,
  type OutboundFlow as OutboundFlowView,
  type OutboundRequest,
} from './outbound-schemas.js';

export interface OutboundRouteDeps {
  db: Database;
  dialect: Dialect;
  clock: () => Date;
  /** Which addresses a dialerUrl may reach (FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS). */
  destinations: DestinationGuard;
  /** How long the previous dialer secret keeps signing after a rotation (FLOWHOOKS_SECRET_ROTATION_GRACE_HOURS). */
  rotationGraceMs: number;
  /** Wakes this node's dispatcher: a resumed flow's jobs may be due now. */
  jobsDue?: () => void;
}

/** A flow as answered: with the retry policy in force beside what it set. */
const shown = (flow: OutboundFlow): OutboundFlowView => ({ ...flow, effectiveRetryPolicy: effectiveRetryPolicy(flow.retryPolicy) });

const doc = routeDoc('Outbound');
const pauseDocs = {
  pause: doc('Pause a flow: requests are accepted and jobs kept, nothing is dialled'),
  resume: doc('Resume a flow: its jobs are released in due order within the throttle'),
};

/** Outbound flows of an account, and the status and cancel of outbound requests (docs/management-api.md). */
export async function outboundRoutes(server: FastifyInstance, deps: OutboundRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, dialect, clock, destinations } = deps;

  const requireAccount = (id: number) => existingAccount(id, (accountId) => findAccount(db, accountId));

  const createDoc = doc('Register an outbound flow (securityId shown once)', { responses: duplicate });
  app.post('/api/accounts/:id/outbound-flows', { schema: { ...createDoc, params: accountIdParams, body: createOutboundFlowBody, response: { 201: createdOutboundFlowResponse } } }, async (request, reply) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'write');
    await requireAccount(id);
    const input = request.body;
    const issues = outboundFlowIssues(input);
    if (issues.length) throw fieldErrors(issues);
    await assertDestinationField(destinations, 'dialerUrl', input.dialerUrl);
    // Secrets are shown in this answer only; the security id is stored as a hash.
    const securityId = input.securityId ?? randomBytes(32).toString('hex');
    const dialerSecret = input.dialerSecret ?? generateSecret();
    try {
      const flow = await insertOutboundFlow(
        db,
        id,
        input.flowId,
        hashSecurityId(securityId),
        {
          name: input.name,
          dialerUrl: input.dialerUrl,
          dialerSecret,
          throttlePerSecond: input.throttlePerSecond ?? null,
          callingWindow: input.callingWindow ?? null,
          category: input.category ?? 'service',
          retryPolicy: input.retryPolicy ?? null,
          resultTimeoutMinutes: input.resultTimeoutMinutes ?? 60,
          dedupeWindowMinutes: input.dedupeWindowMinutes ?? null,
        },
        clock().getTime(),
      );
      return reply.code(201).send({ ...shown(flow), securityId, dialerSecret });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', `Outbound flow ${input.flowId} already exists in account ${id}.`);
      throw error;
    }
  });

  app.get('/api/accounts/:id/outbound-flows', { schema: { ...doc('List outbound flows'), params: accountIdParams } }, async (request): Promise<OutboundFlowView[]> => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'read');
    await requireAccount(id);
    return (await listOutboundFlows(db, id)).map(shown);
  });

  app.get('/api/accounts/:id/outbound-flows/:flowId', { schema: { ...doc('Read an outbound flow'), params: outboundFlowParams, response: { 200: outboundFlowResponse } } }, async (request) => {
    const { id, flowId } = request.params;
    assertAccountAccess(request, id, 'read');
    const flow = await findOutboundFlow(db, id, flowId);
    if (!flow) throw new AppError('NOT_FOUND', `Outbound flow ${flowId} not found.`);
    return shown(flow);
  });

  const updateDoc = doc('Change an outbound flow');
  app.patch('/api/accounts/:id/outbound-flows/:flowId', { schema: { ...updateDoc, params: outboundFlowParams, body: updateOutboundFlowBody, response: { 200: outboundFlowResponse } } }, async (request) => {
    const { id, flowId } = request.params;
    assertAccountAccess(request, id, 'write');
    const input = request.body;
    const existing = await findOutboundFlow(db, id, flowId);
    if (!existing) throw new AppError('NOT_FOUND', `Outbound flow ${flowId} not found.`);
    // The category rule is checked on the flow as it will be, whichever of the two fields changes.
    const issues = outboundFlowIssues({
      ...input,
      category: input.category ?? existing.category,
      callingWindow: input.callingWindow !== undefined ? input.callingWindow : existing.callingWindow,
    });
    if (issues.length) throw fieldErrors(issues);
    if (input.dialerUrl !== undefined) await assertDestinationField(destinations, 'dialerUrl', input.dialerUrl);
    const flow = await updateOutboundFlow(db, id, flowId, input, clock().getTime());
    if (!flow) throw new AppError('NOT_FOUND', `Outbound flow ${flowId} not found.`);
    return shown(flow);
  });

  app.delete('/api/accounts/:id/outbound-flows/:flowId', { schema: { ...doc('Remove an outbound flow', { responses: deleted }), params: outboundFlowParams } }, async (request, reply) => {
    const { id, flowId } = request.params;
    assertAccountAccess(request, id, 'write');
    const now = clock().getTime();
    if (!(await deleteOutboundFlow(db, id, flowId, now, (trx, jobs) => announceFinal(trx, dialect, jobs, now)))) {
      throw new AppError('NOT_FOUND', `Outbound flow ${flowId} not found.`);
    }
    return reply.code(204).send();
  });

  const rotateDoc = doc('Rotate the dialer secret (new secret shown once; the old one signs too for a grace period)');
  app.post('/api/accounts/:id/outbound-flows/:flowId/rotate-secret', { schema: { ...rotateDoc, params: outboundFlowParams, response: { 200: rotatedSecretResponse } } }, async (request) => {
    const { id, flowId } = request.params;
    assertAccountAccess(request, id, 'write');
    const now = clock().getTime();
    const dialerSecret = generateSecret();
    // With a zero grace period the old secret stops at once.
    if (!(await rotateDialerSecret(db, id, flowId, dialerSecret, now + deps.rotationGraceMs, now))) throw new AppError('NOT_FOUND', `Outbound flow ${flowId} not found.`);
    const flow = (await findOutboundFlow(db, id, flowId))!;
    return { dialerSecret, previousSecretValidUntil: deps.rotationGraceMs > 0 ? new Date(now + deps.rotationGraceMs).toISOString() : null, flow: shown(flow) };
  });

  for (const action of ['pause', 'resume'] as const) {
    app.post(`/api/accounts/:id/outbound-flows/:flowId/${action}`, { schema: { ...pauseDocs[action], params: outboundFlowParams, response: { 200: pauseResponse } } }, async (request) => {
      const { id, flowId } = request.params;
      assertAccountAccess(request, id, 'write');
      const changed = await setFlowPaused(db, id, flowId, action === 'pause', clock().getTime());
      if (!changed) throw new AppError('NOT_FOUND', `Outbound flow ${flowId} not found.`);
      if (action === 'resume' && changed.jobs > 0) deps.jobsDue?.();
      return { flow: shown((await findOutboundFlow(db, id, flowId))!), jobs: changed.jobs };
    });
  }

  app.get(
    '/api/accounts/:id/outbound-requests',
    {
      schema: {
        ...doc("An account's recent outbound requests with job counts by status"),
        params: accountIdParams,
        querystring: listOutboundRequestsQuery,
        response: { 200: outboundRequestSummaryResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      assertAccountAccess(request, id, 'read');
      await requireAccount(id);
      const { flowId, limit } = request.query;
      return listOutboundRequests(db, id, { flowId, limit });
    },
  );

  const requestDoc = doc('An outbound request and the status of each number');
  app.get('/api/outbound-requests/:requestId', { schema: { ...requestDoc, params: outboundRequestParams } }, async (request): Promise<OutboundRequest> => {
    const { requestId } = request.params;
    const found = await findOutboundRequest(db, requestId);
    if (!found) throw new AppError('NOT_FOUND', `Outbound request ${requestId} not found.`);
    assertAccountAccess(request, found.accountId, 'read', `Outbound request ${requestId} not found.`);
    return found;
  });

  const cancelDoc = doc('Cancel the jobs of a request not yet delivered');
  app.post('/api/outbound-requests/:requestId/cancel', { schema: { ...cancelDoc, params: outboundRequestParams } }, async (request): Promise<CancelledRequest> => {
    const { requestId } = request.params;
    const found = await findOutboundRequest(db, requestId);
    if (!found) throw new AppError('NOT_FOUND', `Outbound request ${requestId} not found.`);
    assertAccountAccess(request, found.accountId, 'write', `Outbound request ${requestId} not found.`);
    const cancelled = await cancelRequest(db, dialect, requestId, clock().getTime());
    return { cancelledJobs: cancelled, request: (await findOutboundRequest(db, requestId))! };
  });
}
