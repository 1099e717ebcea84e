import { Type } from '@sinclair/typebox';
import { ParameterError } from '../../kernel/errors.js';
import { defineMethod, failure, success } from '../contract.js';
import { phoneNumberE164 } from '../../phone/contact-id.js';
import { changeAgentPause } from '../../storage/agents.js';
import { accountParam, accountParams, cliParam, numberTextSchema } from '../shared-params.js';
import { parsePauseWord } from './rules.js';

const pauseParam = '$flow.key.pause';
const pauseWordsMessage = 'must be true, false, 1, 0, yes, no, y, n, on or off';

const resultName = '$flow.key.cli_pause_update';
const statusName = '$flow.key.pauseStatus';

export const updatePauseStatusForCLI = defineMethod({
  name: 'updatePauseStatusForCLI',
  summary: "Puts a direct-dial agent on or off break: pause true/false, or toggles when pause is absent. A paused agent is never offered by allocation.",
  params: Type.Object({
    [cliParam]: numberTextSchema({
      description: "The agent's number, with or without country code (read with the account's country), or a `tel:` or `sip:` URI that carries it.",
      examples: ['9876543210'],
    }),
    [pauseParam]: Type.Optional(
      Type.String({ maxLength: 8, errorMessage: pauseWordsMessage, description: '`true`/`false`, `1`/`0`, `yes`/`no`, `y`/`n` or `on`/`off`, any case; absent → toggle.', examples: ['true'] }),
    ),
    ...accountParams,
  }),
  accountParam,
  outputs: [
    { name: resultName, description: '`SUCCESS` or `FAILURE`.', example: 'SUCCESS' },
    { name: statusName, description: 'The agent\'s state after the call: `true` on break, `false` available.', example: 'true' },
  ],
  failureOutputs: [{ name: resultName, value: 'FAILURE' }],
  async handle({ params }, { account, db, receivedAt }) {
    const pauseText = params[pauseParam];
    const wanted = pauseText === undefined ? undefined : parsePauseWord(pauseText);
    if (pauseText !== undefined && wanted === undefined) {
      throw ParameterError.single(pauseParam, 'INVALID_PARAMETER', `${pauseParam} ${pauseWordsMessage}`);
    }
    const cli = phoneNumberE164(params[cliParam], account.country);
    if (!cli) throw ParameterError.single(cliParam, 'INVALID_PARAMETER', `${cliParam} must be a valid phone number`);
    // The agent is real on both stages: its history goes by the server's clock, never a pinned testNow (docs/protocol.md).
    const result = await changeAgentPause(db, account.id, cli, wanted, 'webhook', receivedAt.getTime());
    if (!result) {
      return failure('AGENT_NOT_FOUND', 'No agent of this account has that number.', [{ name: resultName, value: 'FAILURE' }]);
    }
    return success([
      { name: resultName, value: 'SUCCESS' },
      { name: statusName, value: String(result.agent.paused) },
    ]);
  },
});
