import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { reportOutcome } from '../methods/create-outbound/report-outcome.js';
import { dispositions } from '../methods/create-outbound/rules.js';
import { AppError } from '../kernel/errors.js';
import type { DatabaseHandle } from '../storage/db.js';

export const outcomeReportBody = Type.Object(
  {
    disposition: Type.Union(
      dispositions.map((disposition) => Type.Literal(disposition)),
      { description: 'answered, busy, no-answer, failed, invalid-number, dnd or rejected.' },
    ),
    durationSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400, description: 'Talk time in seconds.' })),
    detail: Type.Optional(Type.String({ maxLength: 500, description: "The dialer's own words (a SIP cause, a carrier code)." })),
    attempt: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'The `attempt` of the delivery reported; default the job\'s current one. Send it: a late report of an earlier attempt then changes nothing.' })),
  },
  { additionalProperties: false },
);
export type OutcomeReportBody = Static<typeof outcomeReportBody>;

const outcomeResponse = Type.Object({
  jobId: Type.String(),
  attempt: Type.Integer(),
  disposition: Type.String(),
  status: Type.String({ description: 'The job after the report: scheduled (or paused) for a retry, else answered, unreached or cancelled.' }),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  repeated: Type.Boolean({ description: 'This attempt was reported before; nothing changed.' }),
});

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

/**
 * `POST /api/outbound-jobs/{jobId}/result`: the dialer's outcome report
 * (docs/methods/create-outbound.md). No bearer token: the Standard Webhooks
 * signature with the flow's dialer secret authenticates it, so the JSON
 * body is kept raw for the check.
 */
export async function outboundResultRoutes(server: FastifyInstance, deps: { database: DatabaseHandle; clock: () => Date }): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError('INVALID_JSON', 'The body is not valid JSON.'), undefined);
    }
  });

  app.post(
    '/api/outbound-jobs/:jobId/result',
    { schema: { params: Type.Object({ jobId: Type.String({ minLength: 1, maxLength: 64 }) }), body: outcomeReportBody, response: { 200: outcomeResponse } } },
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
