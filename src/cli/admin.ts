import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import {
  CommandError,
  errorLine,
  parseCommand,
  positiveInteger,
  printJson,
  send,
  serverOptions,
  serverOptionsUsage,
  serverTarget,
  UsageError,
  type ServerTarget,
} from './client.js';

export const accountsUsage = `Usage:
  flowhooks accounts create --name NAME [--id ID] [--timezone ZONE] [--country CC]
                            [--client-id ID] [--language LANGUAGE] [options]
  flowhooks accounts list [options]

Creates or lists accounts on a running server (admin token). Prints JSON.

  --name NAME          the account's name (required)
  --id ID              the account id flows send as accountID (default: the next free id)
  --timezone ZONE      IANA time zone (default Asia/Kolkata)
  --country CC         region for national phone numbers (default IN)
  --client-id ID       client identifier flows send as clientID
  --language LANGUAGE  default language (default HINDI)
${serverOptionsUsage}

Example:
  flowhooks accounts create --name "Pune branch" --id 163 --timezone Asia/Kolkata
`;

export const tokensUsage = `Usage:
  flowhooks tokens create ACCOUNT_ID|admin [--label LABEL] [options]
  flowhooks tokens list ACCOUNT_ID|admin [options]
  flowhooks tokens revoke ACCOUNT_ID|admin TOKEN_ID [options]

Webhook tokens of an account, or admin tokens with "admin" (admin token).
create prints {id, token, …}: the token is shown this once; store it now.
list prints every token's id, label, setting and revokedAt, never the token.
revoke refuses the token on this node at once and on every other node within
FLOWHOOKS_TOKEN_CACHE_MS (default 5 s); the last live admin token cannot be revoked.

  --label LABEL   a note to tell tokens apart, e.g. "ivr-prod"
${serverOptionsUsage}

Example (rotating the admin token):
  flowhooks tokens create admin --label ops-2026
  flowhooks tokens revoke admin 6f1c…   # with the new token
`;

export const holidaysUsage = `Usage:
  flowhooks holidays import ACCOUNT_ID --country CC [--region RR] --year YYYY [options]
  flowhooks holidays import ACCOUNT_ID --file holidays.ics|holidays.csv [options]

Adds holidays to an account's calendar (admin token) and prints {imported}:
public holidays of a country (and region) and year, or the days of an
iCalendar (.ics) or CSV (date,name lines) file. Dates already there keep
their name.

  --country CC   ISO 3166-1 country, e.g. IN
  --region RR    region of the country, e.g. MH
  --year YYYY    the year, with --country
  --file PATH    an .ics or .csv file instead of --country
${serverOptionsUsage}

Example:
  flowhooks holidays import 1 --country IN --region MH --year 2026
`;

/** The admin routes need a token; say so before asking the server. */
function adminTarget(values: { url?: string; token?: string }, env: NodeJS.ProcessEnv): ServerTarget {
  const target = serverTarget(values, env);
  if (!target.token) throw new UsageError('this command needs the admin token: pass --token or set FLOWHOOKS_TOKEN');
  return target;
}

/** Sends, prints the JSON answer, and turns an error answer into a one-line failure. */
async function sendAndPrint(target: ServerTarget, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<number> {
  const answer = await send(target, method, path, body);
  if (answer.status >= 400) throw new CommandError(errorLine(answer));
  printJson(answer.body);
  return 0;
}

function subcommandOf(positionals: string[], known: readonly string[], command: string): string {
  const [subcommand] = positionals;
  if (!subcommand) throw new UsageError(`${command} needs a subcommand: ${known.join(' or ')}`);
  if (!known.includes(subcommand)) throw new UsageError(`unknown ${command} subcommand "${subcommand.slice(0, 40)}": use ${known.join(' or ')}`);
  return subcommand;
}

function noMorePositionals(positionals: string[], expected: number): void {
  if (positionals.length > expected) throw new UsageError(`unexpected argument "${positionals[expected]!.slice(0, 40)}"`);
}

export async function accountsCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    ...serverOptions,
    name: { type: 'string' },
    id: { type: 'string' },
    timezone: { type: 'string' },
    country: { type: 'string' },
    'client-id': { type: 'string' },
    language: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(accountsUsage);
    return 0;
  }
  const subcommand = subcommandOf(positionals, ['create', 'list'], 'accounts');
  noMorePositionals(positionals, 1);
  if (subcommand === 'list') return sendAndPrint(adminTarget(values, env), 'GET', '/api/accounts');
  if (values.name === undefined) throw new UsageError('accounts create needs --name');
  const body = {
    name: values.name,
    ...(values.id !== undefined && { id: positiveInteger(values.id, '--id') }),
    ...(values.timezone !== undefined && { timezone: values.timezone }),
    ...(values.country !== undefined && { country: values.country }),
    ...(values['client-id'] !== undefined && { clientId: values['client-id'] }),
    ...(values.language !== undefined && { defaultLanguage: values.language }),
  };
  return sendAndPrint(adminTarget(values, env), 'POST', '/api/accounts', body);
}

export async function tokensCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseCommand(args, { ...serverOptions, label: { type: 'string' } });
  if (values.help) {
    process.stdout.write(tokensUsage);
    return 0;
  }
  const subcommand = subcommandOf(positionals, ['create', 'list', 'revoke'], 'tokens');
  const owner = positionals[1] === 'admin' ? 'admin' : positiveInteger(positionals[1], 'ACCOUNT_ID (or "admin")');
  const base = owner === 'admin' ? '/api/admin-tokens' : `/api/accounts/${owner}/tokens`;
  if (values.label !== undefined && subcommand !== 'create') throw new UsageError('--label goes with tokens create');
  const target = adminTarget(values, env);
  if (subcommand === 'revoke') {
    const tokenId = positionals[2];
    if (tokenId === undefined) throw new UsageError('tokens revoke needs the TOKEN_ID (see tokens list)');
    noMorePositionals(positionals, 3);
    const answer = await send(target, 'DELETE', `${base}/${encodeURIComponent(tokenId)}`);
    if (answer.status >= 400) throw new CommandError(errorLine(answer));
    printJson({ revoked: tokenId });
    return 0;
  }
  noMorePositionals(positionals, 2);
  if (subcommand === 'list') return sendAndPrint(target, 'GET', base);
  const body = values.label === undefined ? {} : { label: values.label };
  return sendAndPrint(target, 'POST', base, body);
}

export async function holidaysCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    ...serverOptions,
    country: { type: 'string' },
    region: { type: 'string' },
    year: { type: 'string' },
    file: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(holidaysUsage);
    return 0;
  }
  subcommandOf(positionals, ['import'], 'holidays');
  const accountId = positiveInteger(positionals[1], 'ACCOUNT_ID');
  noMorePositionals(positionals, 2);
  const target = adminTarget(values, env);
  return sendAndPrint(target, 'POST', `/api/accounts/${accountId}/holidays/import`, importBody(values));
}

function importBody(values: { country?: string; region?: string; year?: string; file?: string }): Record<string, unknown> {
  if ((values.file === undefined) === (values.country === undefined)) throw new UsageError('holidays import needs either --country (with --year) or --file');
  if (values.file !== undefined) {
    if (values.region !== undefined || values.year !== undefined) throw new UsageError('--region and --year go with --country, not --file');
    const kind = extname(values.file).toLowerCase();
    if (kind !== '.ics' && kind !== '.csv') throw new UsageError(`--file must be an .ics or .csv file, got "${values.file.slice(0, 200)}"`);
    let text: string;
    try {
      text = readFileSync(values.file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${values.file.slice(0, 200)}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    return kind === '.ics' ? { ics: text } : { csv: text };
  }
  if (values.year === undefined || !/^\d{4}$/.test(values.year)) throw new UsageError('--country needs --year YYYY');
  return { country: values.country, ...(values.region !== undefined && { region: values.region }), year: Number(values.year) };
}
