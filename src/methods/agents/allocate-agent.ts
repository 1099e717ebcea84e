import { Type } from '@sinclair/typebox';
import { defineMethod, failure, success } from '../contract.js';
import { allocateAgent as allocate } from '../../storage/agents.js';
import { accountParam, accountParams } from './params.js';

const cliName = '$flow.key.agentCli';
const nameName = '$flow.key.agentName';
const emptyOutputs = [
  { name: cliName, value: '' },
  { name: nameName, value: '' },
];

export const allocateAgent = defineMethod({
  name: 'allocateAgent',
  summary: "Hands out the account's available direct-dial agent that has waited longest since its last allocation; never a paused one. On the test stage it names that agent without moving the rotation.",
  params: Type.Object({ ...accountParams }),
  accountParam,
  outputs: [
    { name: cliName, description: "The agent's number in E.164.", example: '+919876543210' },
    { name: nameName, description: "The agent's name.", example: 'Asha' },
  ],
  failureOutputs: emptyOutputs,
  async handle(_call, { account, db, now, stage }) {
    const agent = await allocate(db, account.id, now.getTime(), { record: stage === 'prod' });
    if (!agent) return failure('NO_AGENT_AVAILABLE', 'Every agent of this account is paused, or it has none.', emptyOutputs);
    return success([
      { name: cliName, value: agent.cli },
      { name: nameName, value: agent.name },
    ]);
  },
});
