import Fastify from 'fastify';

/**
 * The baseline: a bare Fastify handler that parses a webhook body and answers
 * a fixed webhook response, with no auth, storage or validation.
 */
const app = Fastify({ logger: false });
app.post('/webhook', async (request) => {
  const body = request.body as { method?: string };
  return { method: body.method, status: 'SUCCESS', keys: [{ name: '$flow.key.result', value: 'SUCCESS' }] };
});
const port = Number(process.argv[2] ?? 0);
const address = await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ msg: 'bare ready', address })}\n`);
