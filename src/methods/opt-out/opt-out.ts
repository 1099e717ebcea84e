import { Type } from '@sinclair/typebox';
import { phoneNumberE164 } from '../../phone/contact-id.js';
import { ParameterError } from '../../kernel/errors.js';
import { defineMethod, success } from '../contract.js';
import { addDoNotCallNumbers, isOnDoNotCallList } from '../../storage/do-not-call.js';
import { accountParam, accountParams, numberTextSchema } from '../shared-params.js';

const cliParam = '$flow.key.cli';
const statusName = '$flow.key.optOutStatus';

/**
 * "Stop calling me": a flow calls this when the caller asks never to be
 * called again, and the number joins the account's do-not-call list, which
 * createOutbound and the dispatcher check (docs/methods/opt-out.md).
 */
export const optOut = defineMethod({
  name: 'optOut',
  summary: "Adds the caller's number to the account's do-not-call list: createOutbound never schedules it again and jobs already scheduled for it are closed as refused. On the test stage it answers without writing.",
  params: Type.Object({
    [cliParam]: numberTextSchema({
      description: "The caller's number, with or without country code (read with the account's country), or a `tel:` or `sip:` URI that carries it.",
      // Not one of createOutbound's example numbers: the Postman collection calls the examples in
      // turn on one account, and opting out a number scheduled a moment before refuses its job.
      examples: ['919898989898'],
    }),
    ...accountParams,
  }),
  accountParam,
  outputs: [
    { name: statusName, description: '`added` (the number is now on the list) or `alreadyListed` (it was before; nothing changed).', example: 'added' },
  ],
  failureOutputs: [{ name: statusName, value: '' }],
  async handle({ params }, { account, db, now, stage }) {
    const number = phoneNumberE164(params[cliParam], account.country);
    if (!number) throw ParameterError.single(cliParam, 'INVALID_PARAMETER', `${cliParam} must be a valid phone number for ${account.country}, or another country's written with + or 00 and its country code (+44 7911 123456)`);
    const added =
      stage === 'prod'
        ? (await addDoNotCallNumbers(db, account.id, [number], 'opt-out', now.getTime())) === 1
        : !(await isOnDoNotCallList(db, account.id, number));
    return success([{ name: statusName, value: added ? 'added' : 'alreadyListed' }]);
  },
});
