import { describe, expect, it } from 'vitest';
import { callWebhook } from '../harness/client.js';
import { startServer } from '../harness/process.js';
import { adminToken, databaseTargets, webhookToken } from './support.js';

// Preloaded into the server process: as it exits, it writes which of these CommonJS packages were ever loaded.
const probe = `data:text/javascript,${encodeURIComponent(
  [
    "import { createRequire } from 'node:module';",
    "const cache = createRequire(process.cwd() + '/').cache;",
    "const loaded = (name) => Object.keys(cache).some((file) => file.includes('/node_modules/' + name + '/'));",
    "process.on('exit', () => process.stderr.write('loaded: ' + JSON.stringify({ pg: loaded('pg'), qrcode: loaded('qrcode') }) + '\\n'));",
  ].join('\n'),
)}`;

// A server keeps no heap for a library it has not used (docs/benchmark.md, memory).
describe.each(await databaseTargets())('libraries loaded by a server on $name', (target) => {
  it('are the PostgreSQL driver only on PostgreSQL, and no QR renderer before an image is asked for', async () => {
    const fresh = await target.fresh();
    try {
      const server = await startServer({ env: { ...fresh.settings, FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_WEBHOOK_TOKEN: webhookToken, FLOWHOOKS_DRAIN_MS: '0' }, nodeArgs: ['--import', probe] });
      const answer = await callWebhook(server.address, webhookToken, 'fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9876543245' }]);
      expect(answer.status).toBe(200);
      await server.stop('SIGTERM');
      expect(server.stderr()).toContain(`loaded: ${JSON.stringify({ pg: target.name === 'postgres', qrcode: false })}`);
    } finally {
      await fresh.cleanup();
    }
  });
});
