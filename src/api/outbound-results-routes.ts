import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { reportOutcome } from '../methods/create-outbound/report-outcome.js';
import { AppError } from '../kernel/errors.js';
import { utf8JsonParser } from '../protocol/body-text.js';
import { routeDoc } from '../kernel/route-doc.js';
import type { DatabaseHandle } from '../storage/db.js';
import { jobParams, outcomeReportBody, outcomeResponse } from './outbound-schemas.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

const resultDoc = routeDoc('Outbound')("The dialer's outcome report of a job (signed with the flow's dialer secret; no bearer token)", {
  public: true,
  responses: {
    '401': 'UNAUTHORIZED: the webhook-* headers are missing or the timestamp is more than 5 minutes off.',
    '404': "NOT_FOUND: no such job, or not signed with its flow's dialer secret (for a job of a deleted flow: the secret kept for it until its outcome deadline).",
    '409': 'OUTCOME_NOT_AWAITED: the job awaits no outcome for that attempt (cancelled, finished, closed, another attempt).',
  },
});

/**
 * `POST /api/outbound-jobs/{jobId}/result`: the dialer's outcome report
 * (docs/methods/create-outbound.md). No bearer token: the Standard Webhooks
 * signature with the flow's dialer secret authenticates it, so the JSON
 * body is kept raw for the check.
 */
export async function outboundResultRoutes(server: FastifyInstance, deps: { database: DatabaseHandle; clock: () => Date }): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    utf8JsonParser((request, body, done) => {
      request.rawBody = body;
      try {
        done(null, JSON.parse(body));
      } catch {
        done(new AppError('INVALID_JSON', 'The body is not valid JSON.'), undefined);
      }
    }),
  );

  app.post(
    '/api/outbound-jobs/:jobId/result',
    { schema: { ...resultDoc, params: jobParams, body: outcomeReportBody, response: { 200: outcomeResponse } } },
    async (request) => {
      const { jobId } = request.params;
      const answer = await reportOutcome(
        deps.database,
        { jobId, headers: request.headers, rawBody: request.rawBody ?? '', report: request.body },
        deps.clock().getTime(),
        Math.floor(Date.now() / 1000),
      );
      switch (answer.kind) {
        case 'recorded':
        case 'repeated':
          return answer.body;
        case 'not-found':
          throw new AppError('NOT_FOUND', `Outbound job ${jobId} not found.`);
        case 'unsigned':
          throw new AppError(
            'UNAUTHORIZED',
            answer.reason === 'missing-headers'
              ? 'Sign the report with the flow\'s dialer secret: webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks).'
              : 'webhook-timestamp is more than 5 minutes from the server\'s clock.',
          );
        case 'not-waiting':
          throw new AppError('OUTCOME_NOT_AWAITED', answer.message);
      }
    },
  );
}
