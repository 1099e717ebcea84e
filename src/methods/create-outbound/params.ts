import { Type } from '@sinclair/typebox';
import { accountParams } from '../shared-params.js';
import { outboundLimits } from './rules.js';

/** Parameters of createOutbound (docs/methods/create-outbound.md). */
export const createOutboundParams = {
  '$flow.syskey.apiVersion': Type.Optional(Type.String({ maxLength: 16, description: 'Protocol version; only `1.0` is supported. Default `1.0`.', examples: ['1.0'] })),
  '$flow.syskey.securityID': Type.String({ maxLength: 128, description: 'The 64-character security id of the outbound flow, shown once when the flow was created.', examples: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'] }),
  '$flow.syskey.flowID': Type.String({ maxLength: 64, description: 'The 8-character id of the outbound flow.', examples: ['OBD00001'] }),
  '$flow.syskey.clientID': Type.String({ maxLength: 64, description: "The account's client identifier (`clientId`).", examples: ['phononio123456'] }),
  '$flow.syskey.delayMinutes': Type.Optional(Type.Integer({ minimum: 0, maximum: outboundLimits.maxDelayMinutes, description: 'Whole minutes from now until the calls are due, 0…10080 (7 days). Default 0.', examples: ['0'] })),
  '$flow.syskey.contactNumbers': Type.String({ description: 'One or more numbers (at most 1000), separated by `,` `;` or spaces; national numbers are read with the account\'s country.', examples: ['9876543210, 9812345678'] }),
  '$flow.syskey.requestKey': Type.Optional(Type.String({ maxLength: outboundLimits.maxIdempotencyKeyLength, description: 'Idempotency key when the flow cannot send an `Idempotency-Key` header: a repeat within 24 h returns the first answer and schedules nothing.', examples: ['call-7f3a'] })),
  // As for every method: a flow that names its account (`$flow.syskey.accountID` reads the same) never schedules on another.
  ...accountParams,
};
