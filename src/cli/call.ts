import type { WireKey } from '../kernel/wire.js';
import { testNowParam } from '../protocol/envelope.js';
import { errorLine, parseCommand, printJson, send, serverOptions, serverOptionsUsage, serverTarget, UsageError } from './client.js';

export const callUsage = `Usage: flowhooks call METHOD [NAME=VALUE …] [options]

Calls a webhook method on a running flowhooks server and prints its answer.

  NAME=VALUE         a key of the call. A bare name gets $flow.key. in front
                     (inputDate=tomorrow sends $flow.key.inputDate); a name that
                     starts with $ is sent as written ('$user.syskey.contactNumber=9876543210')
  --stage prod|test  the stage (default prod: POST URL/webhook; test: POST URL/flowhooks/test/)
  --test-now ISO     pin "now" for a test-stage call ($flow.syskey.testNow),
                     e.g. 2026-12-06T19:00:00+05:30
  --flat             ask for the flat answer (?format=flat)
${serverOptionsUsage}

The token is the account's webhook token. Exit status: 0 when the answer's
status is SUCCESS, 1 when it is FAILURE or the server could not be reached,
2 for bad arguments.

Example:
  flowhooks call validateDateAndTime inputDate=6-12-2026 validMAxDays=5 \\
    --stage test --test-now 2026-12-02T10:00:00+05:30 --flat
`;

/** `NAME=VALUE` as a key: a bare name is a `$flow.key.` variable. */
export function keyOfArgument(argument: string): WireKey {
  const equals = argument.indexOf('=');
  const name = equals > 0 ? argument.slice(0, equals).trim() : '';
  if (name === '' || name === '$') throw new UsageError(`"${argument.slice(0, 60)}" is not NAME=VALUE`);
  return { name: name.startsWith('$') ? name : `$flow.key.${name}`, value: argument.slice(equals + 1) };
}

export async function callCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    ...serverOptions,
    stage: { type: 'string', default: 'prod' },
    flat: { type: 'boolean', default: false },
    'test-now': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(callUsage);
    return 0;
  }
  const [method, ...pairs] = positionals;
  if (!method) throw new UsageError('call needs a METHOD, e.g. flowhooks call validateDateAndTime inputDate=tomorrow');
  if (values.stage !== 'prod' && values.stage !== 'test') throw new UsageError(`--stage must be prod or test, got "${values.stage.slice(0, 40)}"`);
  const keys = pairs.map(keyOfArgument);
  if (values['test-now'] !== undefined) {
    if (values.stage !== 'test') throw new UsageError('--test-now needs --stage test (the prod stage ignores it)');
    keys.push({ name: testNowParam, value: values['test-now'] });
  }
  const target = serverTarget(values, env);
  const path = `${values.stage === 'test' ? '/flowhooks/test/' : '/webhook'}${values.flat ? '?format=flat' : ''}`;
  const answer = await send(target, 'POST', path, { method, keys });
  if (answer.body !== undefined) printJson(answer.body);
  if (answer.status < 400 && (answer.body as { status?: unknown } | undefined)?.status === 'SUCCESS') return 0;
  process.stderr.write(`${errorLine(answer)}\n`);
  return 1;
}
