import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Stage } from '../kernel/wire.js';
import type { InvocationEntry } from '../storage/invocations.js';

/**
 * The invocation log entry of a webhook call, built after the answer from
 * what the webhook route noted on the request. A call to a stage other than
 * `prod`/`test` is not a webhook call (it answers 404) and gives none.
 */
export function invocationOf(request: FastifyRequest, reply: FastifyReply, now: number): InvocationEntry | undefined {
  const call = request.webhook;
  const stage = call?.stage ?? stageOfPath(request);
  if (!stage) return undefined;
  const httpStatus = reply.statusCode;
  return {
    at: Math.round(now - reply.elapsedTime),
    accountId: call?.accountId ?? null,
    method: call?.method ?? null,
    flowId: call?.flowId ?? null,
    stage,
    httpStatus,
    outcome: call?.outcome === 'SUCCESS' && httpStatus < 400 ? 'SUCCESS' : 'FAILURE',
    errorCode: call?.errorCode ?? null,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
    caller: call?.caller ?? null,
    answerSource: call?.answerSource ?? null,
    requestId: request.id,
    ...(request.miss !== undefined && { miss: request.miss }),
  };
}

/** The stage of a call refused before its handler ran (unreadable or oversized body). */
function stageOfPath(request: FastifyRequest): Stage | undefined {
  if (request.routeOptions.url === '/webhook') return 'prod';
  const params = request.params;
  const stage = typeof params === 'object' && params !== null && 'stage' in params ? params.stage : undefined;
  return stage === 'prod' || stage === 'test' ? stage : undefined;
}
