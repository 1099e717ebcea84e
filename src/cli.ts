#!/usr/bin/env node
import { accountsCommand, accountsUsage, holidaysCommand, holidaysUsage, tokensCommand, tokensUsage } from './cli/admin.js';
import { callCommand, callUsage } from './cli/call.js';
import { CommandError, UsageError } from './cli/client.js';
import { ConfigError } from './config.js';

const usage = `flowhooks — utility webhooks for contact-centre flows

Usage:
  flowhooks serve                 migrate the database, then serve HTTP (settings from the environment)
  flowhooks migrate               run pending database migrations and exit
  flowhooks call METHOD NAME=VALUE …   call a webhook method on a running server
  flowhooks accounts create|list  manage accounts (admin token)
  flowhooks tokens create|list|revoke ID|admin   webhook tokens of an account, or admin tokens
  flowhooks holidays import ID    import holidays into an account's calendar (admin token)
  flowhooks help [COMMAND]        show this text, or a command's

Settings are environment variables (see README), e.g.
  PORT=8080 DATABASE_URL=postgres://postgres@127.0.0.1:5432/flowhooks flowhooks serve
The client commands talk to --url (default $FLOWHOOKS_URL, else http://127.0.0.1:8080)
with --token (default $FLOWHOOKS_TOKEN).
`;

type Command = (args: string[], env: NodeJS.ProcessEnv) => Promise<number>;

const clientCommands: Record<string, { run: Command; usage: string }> = {
  call: { run: callCommand, usage: callUsage },
  accounts: { run: accountsCommand, usage: accountsUsage },
  tokens: { run: tokensCommand, usage: tokensUsage },
  holidays: { run: holidaysCommand, usage: holidaysUsage },
};

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(clientCommands[args[0] ?? '']?.usage ?? usage);
    return 0;
  }
  const client = clientCommands[command];
  if (client) return client.run(args, process.env);
  // The server commands load the whole server; the client commands stay quick without it.
  if (command === 'serve' || command === 'migrate') {
    const { migrateCommand, serveCommand } = await import('./cli/server-commands.js');
    return command === 'serve' ? serveCommand() : migrateCommand();
  }
  process.stderr.write(`Unknown command "${command.slice(0, 40)}".\n\n${usage}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      const [command] = process.argv.slice(2);
      const help = command && clientCommands[command] ? `flowhooks ${command} --help` : 'flowhooks help';
      process.stderr.write(`flowhooks: ${error.message}\nRun "${help}" for usage.\n`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof ConfigError || error instanceof CommandError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      const [command] = process.argv.slice(2);
      const failed = command === 'serve' || command === 'migrate' ? 'flowhooks failed to start' : `flowhooks ${command} failed`;
      process.stderr.write(`${failed}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);
