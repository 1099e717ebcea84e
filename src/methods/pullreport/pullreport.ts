import { ParameterError } from '../../kernel/errors.js';
import { defineMethod, success } from '../contract.js';
import { insertReportRow } from '../../storage/report-rows.js';
import { pullReportParams } from './params.js';
import { extraColumns, readStartTime, reportParams } from './rules.js';

export const pullReport = defineMethod({
  name: 'pullreport',
  summary: 'Writes one call record into a report: flow, DTMF, DNIS, start time and every other passed flow variable as extra columns. Idempotent per $flow.key.callId.',
  params: pullReportParams,
  accountParam: reportParams.accountId,
  outputs: [],
  failureOutputs: [],
  exampleKeys: [{ name: '$flow.key.campaign', value: 'diwali-offer' }],
  async handle({ params, keys }, { account, stage, db, now }) {
    const startTime = params[reportParams.startTime];
    const start = readStartTime(startTime, account.timezone);
    if ('issue' in start) throw new ParameterError([start.issue]);
    // A retried webhook with the same callId answers SUCCESS again and adds nothing.
    await insertReportRow(
      db,
      {
        accountId: account.id,
        reportType: params[reportParams.reportType],
        stage,
        callId: params[reportParams.callId] ?? null,
        flowId: params[reportParams.flowId],
        dtmf: params[reportParams.dtmf] ?? null,
        dnis: params[reportParams.dnis] ?? null,
        startAt: start.startAt,
        startTime,
        extra: extraColumns(keys),
      },
      now.getTime(),
    );
    return success([]);
  },
});
