import { Type, type Static } from '@sinclair/typebox';
import { hoursWindow, accountIdField } from './account-schemas.js';

const callingWindow = Type.Union(
  [hoursWindow, Type.Null()],
  { description: 'Calls are placed only inside this window, account time; jobs due outside wait for its next opening. An end before the start runs past midnight. `null`: any time.' },
);

const flowFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  dialerUrl: Type.String({ minLength: 1, maxLength: 2048, description: 'Where each job is POSTed (http or https).', examples: ['https://dialer.example.com/flowhooks'] }),
  dialerSecret: Type.String({ minLength: 16, maxLength: 256, description: 'HMAC-SHA256 key of the delivery signature; generated and returned once when absent.' }),
  throttlePerSecond: Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Null()], { description: 'Most deliveries a second for this flow, across all nodes. `null`: unlimited.' }),
  callingWindow,
};

export const createOutboundFlowBody = Type.Object(
  {
    flowId: Type.String({ pattern: '^[A-Za-z0-9_-]{8}$', description: '8 characters: letters, digits, `_` or `-`.', examples: ['OBD00001'] }),
    securityId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{64}$', description: '64 letters or digits; generated and returned once when absent.' })),
    name: flowFields.name,
    dialerUrl: flowFields.dialerUrl,
    dialerSecret: Type.Optional(flowFields.dialerSecret),
    throttlePerSecond: Type.Optional(flowFields.throttlePerSecond),
    callingWindow: Type.Optional(flowFields.callingWindow),
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
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** The 201 answer: the flow plus the secrets, shown this once. */
export const createdOutboundFlowResponse = Type.Composite([outboundFlowResponse, Type.Object({ securityId: Type.String(), dialerSecret: Type.String() })]);

export const listOutboundRequestsQuery = Type.Object(
  {
    flowId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only requests of this outbound flow.' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Most requests answered, newest first.' }),
  },
  { additionalProperties: false },
);
export type ListOutboundRequestsQuery = Static<typeof listOutboundRequestsQuery>;

const jobStatusCount = Type.Optional(Type.Integer({ minimum: 1 }));
export const outboundRequestSummaryResponse = Type.Array(
  Type.Object({
    id: Type.String(),
    uuid: Type.String(),
    accountId: Type.Integer(),
    flowId: Type.String(),
    stage: Type.Union([Type.Literal('prod'), Type.Literal('test')]),
    status: Type.Union([Type.Literal('pending'), Type.Literal('completed'), Type.Literal('cancelled')]),
    createdAt: Type.String({ format: 'date-time' }),
    cancelledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    numbers: Type.Integer({ description: 'Jobs (one a number) of the request.' }),
    jobs: Type.Object(
      { scheduled: jobStatusCount, dispatching: jobStatusCount, delivered: jobStatusCount, failed: jobStatusCount, cancelled: jobStatusCount, simulated: jobStatusCount, refused: jobStatusCount },
      { description: 'Jobs by status; statuses without jobs are left out.' },
    ),
  }),
);
