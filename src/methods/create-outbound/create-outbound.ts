import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { matchesSha256Hex, sha256Hex } from '../../kernel/hash.js';
import { newRowId } from '../../kernel/row-ids.js';
import type { Output } from '../../kernel/wire.js';
import { defineMethod, failure, success, type MethodResult } from '../contract.js';
import { dialectOf, isUniqueViolation, type Database } from '../../storage/db.js';
import { findFlowAndListedNumbers } from '../../storage/outbound-flows.js';
import { findLiveNumbers, findRequestByKey, findRequestNumbers, insertOutboundRequest, releaseIdempotencyKey } from '../../storage/outbound-requests.js';
import { completeRequests } from './events.js';
import { createOutboundParams } from './params.js';
import { accountParam } from '../shared-params.js';
import { splitListedNumbers } from './do-not-call-check.js';
import { outboundLimits, parseContactNumbers, plannedFirstDial } from './rules.js';
import { cachedZone } from '../../time/cached-zone.js';
import { isoWithOffset } from '../../time/zone-clock.js';
import { maskPhoneNumbersIn } from '../../observability/redact.js';

const codeName = '$flow.key.obdResponseCode';
const requestIdName = '$flow.key.obdReqID';
const executionIdName = '$flow.key.obdPhononUUID';
const refusedName = '$flow.key.obdRefusedNumbers';
const duplicatesName = '$flow.key.obdDuplicateNumbers';
const firstDialName = '$flow.key.obdFirstDialAt';

/** SHA-256 of a security id, hex: what the database keeps. */
export function hashSecurityId(securityId: string): string {
  return sha256Hex(securityId);
}

const refused = (
  obdCode: '400' | '401' | '403' | '409',
  code: 'OUTBOUND_BAD_REQUEST' | 'OUTBOUND_UNAUTHORIZED' | 'OUTBOUND_ALL_DO_NOT_CALL' | 'OUTBOUND_KEY_REUSED',
  message: string,
  refusedNumbers: readonly string[] = [],
): MethodResult =>
  failure(code, message, [
    { name: codeName, value: obdCode },
    { name: requestIdName, value: '' },
    { name: executionIdName, value: '' },
    { name: refusedName, value: refusedNumbers.join(',') },
    { name: duplicatesName, value: '' },
    { name: firstDialName, value: '' },
  ]);

/** An instant as the account's wall clock writes it, with its offset. */
const localIso = (epochMs: number, zone: string): string => isoWithOffset({ epochMs, offsetMinutes: cachedZone(zone).offset(epochMs) });

/** Thrown inside the transaction when a concurrent call took the same idempotency key first. */
class KeyTaken extends Error {}

type FirstRequest = NonNullable<Awaited<ReturnType<typeof findRequestByKey>>>;

/**
 * The answer to a call that repeats an idempotency key: the first request's own answer when the call asks for the
 * same thing (its flow, and the same numbers in any order or form), else a refusal that names the key's reuse
 * (docs/methods/create-outbound.md, "Idempotency") — a different request must not be answered as if scheduled.
 */
async function repeatedKeyAnswer(db: Database, first: FirstRequest, flowId: string, numbers: readonly string[]): Promise<MethodResult> {
  const outputOf = (name: string) => first.answer.find((output) => output.name === name)?.value ?? '';
  const firstNumbers = new Set([...(await findRequestNumbers(db, first.id)), ...[refusedName, duplicatesName].flatMap((name) => outputOf(name).split(',').filter(Boolean))]);
  const same = first.flowId === flowId && firstNumbers.size === new Set(numbers).size && numbers.every((number) => firstNumbers.has(number));
  if (same) return success(first.answer);
  return refused('409', 'OUTBOUND_KEY_REUSED', `This idempotency key was used in the last 24 hours for another request (${first.flowId === flowId ? 'other numbers' : 'another flow'}); nothing was scheduled. Use a new key for a new request.`);
}

export const createOutbound = defineMethod({
  name: 'createOutbound',
  summary: 'Schedules an outbound call to each number, now or in delayMinutes; the request and its jobs are stored before the answer.',
  params: Type.Object(createOutboundParams),
  accountParam,
  outputs: [
    { name: codeName, description: "`200` scheduled (all numbers, or those not on the do-not-call list); `400` bad apiVersion or numbers; `401` unknown flow, wrong securityID or clientID; `403` every number is on the account's do-not-call list; `409` the idempotency key names another request.", example: '200' },
    { name: requestIdName, description: 'UUID of the request (status and cancel in the management API); empty unless 200.', example: '0b9d6f7e-6c61-4d2f-9d0a-6f1f7f9b2c11' },
    { name: executionIdName, description: 'UUID of the outbound execution, sent to the dialer; empty unless 200.', example: 'f3c2a1d4-8b7e-4c6a-9e5f-1a2b3c4d5e6f' },
    { name: refusedName, description: "Numbers not scheduled because they are on the account's do-not-call list: E.164, comma-separated, in the order given; empty when none.", example: '' },
    {
      name: duplicatesName,
      description: "Numbers (E.164, comma-separated) not dialled again because the flow's `dedupeWindowMinutes` found a live job for them; empty when none.",
      example: '+919876543210',
    },
    {
      name: firstDialName,
      description:
        "When the first dial is planned, ISO 8601 in the account's time zone: the asked time (now + delayMinutes), or the next opening of the flow's calling window when that is outside it (a throttle may add seconds). Empty unless 200, while the flow is paused (it dials nothing until resumed), and when no number was scheduled.",
      example: '2026-12-08T09:00:00+05:30',
    },
  ],
  failureOutputs: [
    { name: codeName, value: '400' },
    { name: requestIdName, value: '' },
    { name: executionIdName, value: '' },
    { name: refusedName, value: '' },
    { name: duplicatesName, value: '' },
    { name: firstDialName, value: '' },
  ],
  async handle({ params }, { account, db, now, stage, idempotencyKey: header, jobsDue }) {
    const dialect = dialectOf(db);
    // The numbers are parsed first so the flow and the do-not-call list are read together; the answers keep their order below.
    const { numbers, invalid } = parseContactNumbers(params['$flow.syskey.contactNumbers'], account.country);
    const checkable = invalid.length === 0 && numbers.length <= outboundLimits.maxNumbers ? numbers : [];
    const { flow, listed: listedNumbers } = await findFlowAndListedNumbers(db, account.id, params['$flow.syskey.flowID'], checkable);
    const authentic =
      flow !== undefined &&
      matchesSha256Hex(params['$flow.syskey.securityID'], flow.securityHash) &&
      account.clientId !== null &&
      account.clientId === params['$flow.syskey.clientID'];
    if (!flow || !authentic) {
      return refused('401', 'OUTBOUND_UNAUTHORIZED', 'Unknown flowID, wrong securityID, or a clientID that is not this account\'s; nothing was scheduled.');
    }

    // A repeat is answered only to a caller that could have made the first call, and only on the stage of the first call.
    const idempotencyKey = header ?? params['$flow.syskey.requestKey'];
    if (header !== undefined && header.length > outboundLimits.maxIdempotencyKeyLength) {
      return refused('400', 'OUTBOUND_BAD_REQUEST', `The Idempotency-Key header has ${header.length} characters: at most ${outboundLimits.maxIdempotencyKeyLength}, as requestKey. Nothing was scheduled.`);
    }
    if (idempotencyKey !== undefined) {
      const first = await findRequestByKey(db, account.id, stage, idempotencyKey);
      if (first && now.getTime() - first.createdAt < outboundLimits.idempotencyMs) return repeatedKeyAnswer(db, first, flow.flowId, numbers);
    }

    // `1.0` sent as a JSON number reads as `1` (values are read in plain decimal): the same version.
    const apiVersion = params['$flow.syskey.apiVersion'] === '1' ? '1.0' : (params['$flow.syskey.apiVersion'] ?? '1.0');
    if (!(outboundLimits.supportedApiVersions as readonly string[]).includes(apiVersion)) {
      return refused('400', 'OUTBOUND_BAD_REQUEST', `Unsupported apiVersion "${apiVersion.slice(0, 16)}": use 1.0. Nothing was scheduled.`);
    }
    if (invalid.length) {
      // As typed, but a number of ten digits or more masked: a mistyped number is still someone's (docs/security.md).
      // The numbers are found in the whole list, so one split at spaces or lines is masked in every piece.
      const listed = invalid.slice(0, 20);
      const masked = maskPhoneNumbersIn(params['$flow.syskey.contactNumbers'], listed.map((item) => [item.start, item.start + item.text.length] as const));
      const shown = masked.map((text) => [...text].slice(0, 32).join('')).join(', ');
      const more = invalid.length > 20 ? ` and ${invalid.length - 20} more` : '';
      return refused('400', 'OUTBOUND_BAD_REQUEST', `Invalid contact numbers: ${shown}${more}. Nothing was scheduled.`);
    }
    if (numbers.length === 0) return refused('400', 'OUTBOUND_BAD_REQUEST', 'No contact number was given; nothing was scheduled.');
    if (numbers.length > outboundLimits.maxNumbers) {
      return refused('400', 'OUTBOUND_BAD_REQUEST', `${numbers.length} numbers: at most ${outboundLimits.maxNumbers} a request. Nothing was scheduled.`);
    }

    // Every flow, whatever its category, is checked against the account's list (docs/methods/create-outbound.md, "Do-not-call lists").
    const { allowed, refused: listed } = splitListedNumbers(numbers, listedNumbers);
    if (allowed.length === 0) {
      return refused('403', 'OUTBOUND_ALL_DO_NOT_CALL', `Every number (${listed.length}) is on the account's do-not-call list; nothing was scheduled.`, listed);
    }

    const requestId = newRowId();
    const executionId = randomUUID();
    let answer: Output[] = [];
    let scheduled = 0;
    const delayMinutes = params['$flow.syskey.delayMinutes'] ?? 0;
    try {
      // The answer is sent only after the request and every job are committed.
      const write = async (trx: Database): Promise<Output[]> => {
        if (idempotencyKey !== undefined) {
          const expired = await findRequestByKey(trx, account.id, stage, idempotencyKey);
          if (expired) {
            if (now.getTime() - expired.createdAt < outboundLimits.idempotencyMs) throw new KeyTaken();
            await releaseIdempotencyKey(trx, expired.id);
          }
        }
        // docs/methods/create-outbound.md, one live call per number: the flow row is locked so two requests cannot both miss each other.
        const duplicates = flow.dedupeWindowMinutes
          ? await findLiveNumbers(trx, dialect, { accountId: account.id, flowId: flow.flowId, stage, numbers: allowed, since: now.getTime() - flow.dedupeWindowMinutes * 60_000 })
          : new Set<string>();
        const dialled = allowed.filter((number) => !duplicates.has(number));
        scheduled = dialled.length;
        const dueAt = now.getTime() + delayMinutes * 60_000;
        const outputs: Output[] = [
          { name: codeName, value: '200' },
          { name: requestIdName, value: requestId },
          { name: executionIdName, value: executionId },
          { name: refusedName, value: listed.join(',') },
          { name: duplicatesName, value: allowed.filter((number) => duplicates.has(number)).join(',') },
          { name: firstDialName, value: scheduled > 0 && !flow.paused ? localIso(plannedFirstDial(dueAt, flow, account.timezone), account.timezone) : '' },
        ];
        await insertOutboundRequest(
          trx,
          {
            id: requestId,
            executionId,
            accountId: account.id,
            flowId: flow.flowId,
            stage,
            idempotencyKey: idempotencyKey ?? null,
            answer: outputs,
            contactNumbers: dialled,
            dueAt,
            jobIds: dialled.map(() => newRowId()),
            paused: flow.paused,
          },
          now.getTime(),
        );
        // Every number a duplicate: the request is complete at once.
        if (dialled.length === 0) await completeRequests(trx, dialect, [requestId], now.getTime());
        return outputs;
      };
      // Without an idempotency key or a dedupe window the request's insert is all there is
      // to write, and insertOutboundRequest makes it atomic alone (one statement on PostgreSQL).
      answer = idempotencyKey === undefined && !flow.dedupeWindowMinutes ? await write(db) : await db.transaction().execute(write);
    } catch (error) {
      if (!(error instanceof KeyTaken) && !(idempotencyKey !== undefined && isUniqueViolation(error))) throw error;
      // A concurrent call with the same key won: answer what it answered.
      const first = await findRequestByKey(db, account.id, stage, idempotencyKey as string);
      if (!first) throw error;
      return repeatedKeyAnswer(db, first, flow.flowId, numbers);
    }
    // Committed and due now: this node's dispatcher claims them at once instead of at its next poll.
    if (scheduled > 0 && delayMinutes === 0 && !flow.paused) jobsDue?.();
    return success(answer);
  },
});
