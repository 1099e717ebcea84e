import { Type, type Static } from '@sinclair/typebox';
import { dispositions } from '../methods/create-outbound/rules.js';
import { hoursWindow, accountIdField } from './account-schemas.js';
import { Nullable } from './nullable.js';
import { DisplayName, Patterned } from '../kernel/patterned.js';

const callingWindow = Nullable(
  hoursWindow,
  { description: 'Calls are placed only inside this window, account time; jobs due outside wait for its next opening. An end before the start runs past midnight. `null`: any time.' },
);

const retryRule = (disposition: string, defaults: string) =>
  Type.Object(
    {
      attempts: Type.Integer({ minimum: 0, maximum: 10, description: `Further dials after \`${disposition}\`, 0–10.` }),
      afterMinutes: Type.Integer({ minimum: 1, maximum: 10_080, description: 'Minutes from the report to the next dial (1–10080), then moved into the calling window on a working day.' }),
    },
    { additionalProperties: false, description: `Default ${defaults}.` },
  );

/** docs/methods/create-outbound.md, retries by disposition. */
export const retryPolicySchema = Nullable(
  Type.Object(
    {
      busy: Type.Optional(retryRule('busy', '2 dials after 10 minutes')),
      'no-answer': Type.Optional(retryRule('no-answer', '2 dials after 60 minutes')),
      failed: Type.Optional(retryRule('failed', '1 dial after 15 minutes')),
    },
    { additionalProperties: false },
  ),
  { description: 'Retries by disposition; dispositions left out (or `null`: all) use the defaults. Never for answered, invalid-number, dnd or rejected.' },
);

const flowFields = {
  name: DisplayName({ maxLength: 200 }),
  dialerUrl: Type.String({ minLength: 1, maxLength: 2048, description: 'Where each job is POSTed (http or https).', examples: ['https://dialer.example.com/flowhooks'] }),
  dialerSecret: Patterned('^whsec_[A-Za-z0-9+/]{32,88}={0,2}$', 'must be a Standard Webhooks secret: whsec_ and the base64 of 24–64 bytes', {
    description: 'Standard Webhooks secret (`whsec_` + base64 of 24–64 bytes) signing deliveries and verifying outcome reports; generated and returned once when absent.',
  }),
  throttlePerSecond: Nullable(Type.Integer({ minimum: 1, maximum: 1000 }), { description: 'Most deliveries a second for this flow, across all nodes. `null`: unlimited.' }),
  callingWindow,
  category: Type.Union([Type.Literal('promotional'), Type.Literal('service'), Type.Literal('transactional')], {
    description: "India's calling rules: `promotional` dials only 09:00–21:00 account time (a callingWindow may only narrow it) and is checked against the do-not-call list. Default `service`.",
  }),
  retryPolicy: retryPolicySchema,
  resultTimeoutMinutes: Type.Integer({ minimum: 0, maximum: 10_080, description: 'Minutes a delivered job waits for the dialer\'s outcome report before it is closed as `delivered` without one; 0: the dialer reports none. Default 60.' }),
  dedupeWindowMinutes: Nullable(Type.Integer({ minimum: 1, maximum: 10_080 }), {
    description: 'A number with a live job on this flow created within this many minutes is not dialled again (`$flow.key.obdDuplicateNumbers`). `null`: off (default).',
  }),
};

export const createOutboundFlowBody = Type.Object(
  {
    flowId: Patterned('^[A-Za-z0-9_-]{8}$', 'must be 8 letters, digits, _ or -, e.g. OBD00001', { description: '8 characters: letters, digits, `_` or `-`.', examples: ['OBD00001'] }),
    securityId: Type.Optional(Patterned('^[A-Za-z0-9]{64}$', 'must be 64 letters or digits', { description: '64 letters or digits; generated and returned once when absent.' })),
    name: flowFields.name,
    dialerUrl: flowFields.dialerUrl,
    dialerSecret: Type.Optional(flowFields.dialerSecret),
    throttlePerSecond: Type.Optional(flowFields.throttlePerSecond),
    callingWindow: Type.Optional(flowFields.callingWindow),
    category: Type.Optional(flowFields.category),
    retryPolicy: Type.Optional(flowFields.retryPolicy),
    resultTimeoutMinutes: Type.Optional(flowFields.resultTimeoutMinutes),
    dedupeWindowMinutes: Type.Optional(flowFields.dedupeWindowMinutes),
  },
  { additionalProperties: false },
);
export type CreateOutboundFlowBody = Static<typeof createOutboundFlowBody>;

export const updateOutboundFlowBody = Type.Object(
  {
    name: Type.Optional(flowFields.name),
    dialerUrl: Type.Optional(flowFields.dialerUrl),
    dialerSecret: Type.Optional(flowFields.dialerSecret),
    throttlePerSecond: Type.Optional(flowFields.throttlePerSecond),
    callingWindow: Type.Optional(flowFields.callingWindow),
    category: Type.Optional(flowFields.category),
    retryPolicy: Type.Optional(flowFields.retryPolicy),
    resultTimeoutMinutes: Type.Optional(flowFields.resultTimeoutMinutes),
    dedupeWindowMinutes: Type.Optional(flowFields.dedupeWindowMinutes),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOutboundFlowBody = Static<typeof updateOutboundFlowBody>;

export const outboundFlowParams = Type.Object({ id: accountIdField, flowId: Type.String({ minLength: 1, maxLength: 64 }) });
export const outboundRequestParams = Type.Object({ requestId: Type.String({ minLength: 1, maxLength: 64 }) });

export const outboundFlowResponse = Type.Object({
  accountId: Type.Integer(),
  flowId: Type.String(),
  name: Type.String(),
  dialerUrl: Type.String(),
  throttlePerSecond: Type.Union([Type.Integer(), Type.Null()]),
  callingWindow: Type.Union([Type.Object({ start: Type.String(), end: Type.String() }), Type.Null()]),
  category: Type.Union([Type.Literal('promotional'), Type.Literal('service'), Type.Literal('transactional')]),
  retryPolicy: Type.Union([Type.Record(Type.String(), Type.Object({ attempts: Type.Integer(), afterMinutes: Type.Integer() })), Type.Null()], { description: 'What the flow set; the rest are defaults.' }),
  effectiveRetryPolicy: Type.Record(Type.String(), Type.Object({ attempts: Type.Integer(), afterMinutes: Type.Integer() }), { description: 'The policy applied: the flow\'s rules over the defaults.' }),
  resultTimeoutMinutes: Type.Integer(),
  dedupeWindowMinutes: Type.Union([Type.Integer(), Type.Null()]),
  paused: Type.Boolean(),
  pausedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  previousSecretValidUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Until when deliveries also carry the signature of the secret before the last rotation.' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** The 201 answer: the flow plus the secrets, shown this once. */
export const createdOutboundFlowResponse = Type.Composite([outboundFlowResponse, Type.Object({ securityId: Type.String(), dialerSecret: Type.String() })]);

/** The answer of a rotation: the new secret, shown this once. */
export const rotatedSecretResponse = Type.Object({
  dialerSecret: Type.String({ description: 'The new secret; deliveries are signed with it from now on.' }),
  previousSecretValidUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Until then deliveries carry the previous secret\'s signature too (and outcome reports may use either).' }),
  flow: outboundFlowResponse,
});

export const pauseResponse = Type.Object({
  flow: outboundFlowResponse,
  jobs: Type.Integer({ description: 'Jobs parked (pause) or released (resume).' }),
});

export const listOutboundRequestsQuery = Type.Object(
  {
    flowId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only requests of this outbound flow.' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Most requests answered, newest first.' }),
  },
  { additionalProperties: false },
);
export type ListOutboundRequestsQuery = Static<typeof listOutboundRequestsQuery>;

const nullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
/** What a request shows in a list and on its own. */
const requestFields = {
  id: Type.String(),
  uuid: Type.String(),
  accountId: Type.Integer(),
  flowId: Type.String(),
  stage: Type.Union([Type.Literal('prod'), Type.Literal('test')]),
  status: Type.Union([Type.Literal('pending'), Type.Literal('completed'), Type.Literal('cancelled')]),
  createdAt: Type.String({ format: 'date-time' }),
  cancelledAt: nullableTime,
  completedAt: nullableTime,
};

const jobStatusCount = Type.Optional(Type.Integer({ minimum: 1 }));
const jobCounts = Type.Object(
  {
    scheduled: jobStatusCount,
    dispatching: jobStatusCount,
    paused: jobStatusCount,
    delivered: jobStatusCount,
    answered: jobStatusCount,
    unreached: jobStatusCount,
    failed: jobStatusCount,
    cancelled: jobStatusCount,
    refused: jobStatusCount,
    simulated: jobStatusCount,
  },
  { description: 'Jobs by status; statuses without jobs are left out.' },
);
export const outboundRequestSummaryResponse = Type.Array(
  Type.Object({
    ...requestFields,
    numbers: Type.Integer({ description: 'Jobs (one a number) of the request.' }),
    jobs: jobCounts,
  }),
);

const dispositionLiterals = dispositions.map((disposition) => Type.Literal(disposition));

// The answers of `GET /api/outbound-requests/{requestId}` and its cancel: they type the handlers, not declared as their response schemas (docs/layout.md, api/).
const nullableText = Type.Union([Type.String(), Type.Null()]);
const outboundJobResponse = Type.Object({
  id: Type.String(),
  contactNumber: Type.String({ description: 'E.164.' }),
  dueAt: Type.String({ format: 'date-time' }),
  status: Type.KeyOf(jobCounts),
  attempt: Type.Integer({ description: 'The current dial: 1, then one more for each retry by disposition.' }),
  attempts: Type.Integer({ description: 'Delivery attempts of the current dial.' }),
  disposition: Type.Union([...dispositionLiterals, Type.Null()]),
  awaitingResult: Type.Boolean({ description: 'True while a delivered job waits for its outcome report.' }),
  lastError: nullableText,
  deliveredAt: nullableTime,
  finishedAt: nullableTime,
  outcomes: Type.Array(
    Type.Object({
      attempt: Type.Integer(),
      disposition: Type.Union(dispositionLiterals),
      durationSeconds: Type.Union([Type.Integer(), Type.Null()]),
      detail: nullableText,
      reportedAt: Type.String({ format: 'date-time' }),
    }),
    { description: 'Every outcome report, first dial first.' },
  ),
});
export const outboundRequestResponse = Type.Object({ ...requestFields, jobs: Type.Array(outboundJobResponse) });
export const cancelledRequestResponse = Type.Object({
  cancelledJobs: Type.Integer({ description: 'Jobs cancelled by this call.' }),
  request: outboundRequestResponse,
});

/** `POST /api/outbound-jobs/{jobId}/result`: the dialer's outcome report (docs/methods/create-outbound.md). */
export const outcomeReportBody = Type.Object(
  {
    disposition: Type.Union(dispositionLiterals, { description: 'answered, busy, no-answer, failed, invalid-number, dnd or rejected.' }),
    durationSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400, description: 'Talk time in seconds.' })),
    detail: Type.Optional(Type.String({ maxLength: 500, description: "The dialer's own words (a SIP cause, a carrier code)." })),
    attempt: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'The `attempt` of the delivery reported; default the job\'s current one. Send it: a late report of an earlier attempt then changes nothing.' })),
  },
  { additionalProperties: false },
);
export type OutcomeReportBody = Static<typeof outcomeReportBody>;

export const outcomeResponse = Type.Object({
  jobId: Type.String(),
  attempt: Type.Integer(),
  disposition: Type.String(),
  status: Type.String({ description: 'The job after the report: scheduled (or paused) for a retry, else answered, unreached or cancelled.' }),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  repeated: Type.Boolean({ description: 'This attempt was reported before; nothing changed.' }),
});
export const jobParams = Type.Object({ jobId: Type.String({ minLength: 1, maxLength: 64 }) });

export type OutboundFlow = Static<typeof outboundFlowResponse>;
export type CreatedOutboundFlow = Static<typeof createdOutboundFlowResponse>;
export type OutboundRequestSummary = Static<typeof outboundRequestSummaryResponse>[number];
export type OutboundRequest = Static<typeof outboundRequestResponse>;
export type CancelledRequest = Static<typeof cancelledRequestResponse>;
