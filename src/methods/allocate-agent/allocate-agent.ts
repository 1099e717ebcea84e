import { Type } from '@sinclair/typebox';
import { defineMethod, failure, success } from '../contract.js';
import { allocateAgent as allocate } from '../../storage/agents.js';
import type { Database } from '../../storage/db.js';
import { accountParam, accountParams } from '../shared-params.js';

const cliName = '$flow.key.agentCli';
const nameName = '$flow.key.agentName';
const emptyOutputs = [
  { name: cliName, value: '' },
  { name: nameName, value: '' },
];

/** Why no agent is handed out: the method answers it as a FAILURE, the API as a 409 (docs/error-codes.md). */
export const noAgentAvailable = { code: 'NO_AGENT_AVAILABLE', message: 'Every agent of this account is paused, or it has none.' } as const;

/**
 * The one allocation, for the allocateAgent method and `POST
 * /api/accounts/{id}/agents/allocate` alike (docs/methods/agents.md): the
 * available agent that has waited longest, or the issue that there is none.
 * With `record` false it names that agent without moving the rotation.
 */
export async function nextAgent(db: Database, accountId: number, at: number, record: boolean): Promise<{ agent: { cli: string; name: string } } | { issue: typeof noAgentAvailable }> {
  const agent = await allocate(db, accountId, at, { record });
  return agent ? { agent } : { issue: noAgentAvailable };
}

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
    const allocated = await nextAgent(db, account.id, now.getTime(), stage === 'prod');
    if ('issue' in allocated) return failure(allocated.issue.code, allocated.issue.message, emptyOutputs);
    return success([
      { name: cliName, value: allocated.agent.cli },
      { name: nameName, value: allocated.agent.name },
    ]);
  },
});
