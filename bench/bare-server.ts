import Fastify from 'fastify';

/**
 * The baseline: a bare Fastify handler that parses a webhook body and answers
 * a fixed webhook response, with no auth, storage or validation; and a bare
 * redirect from a Map for the short-URL scenario.
 */
const app = Fastify({ logger: false });
app.post('/webhook', async (request) => {
  const body = request.body as { method?: string };
  return { method: body.method, status: 'SUCCESS', keys: [{ name: '$flow.key.result', value: 'SUCCESS' }] };
});
// The redirect baseline: a code looked up in a Map, answered with a 302.
const links = new Map([['bench001', 'https://example.com/landing?campaign=diwali']]);
app.get('/:code', async (request, reply) => {
  const target = links.get((request.params as { code: string }).code);
  if (!target) return reply.code(404).send();
  return reply.redirect(target, 302);
});
const port = Number(process.argv[2] ?? 0);
const address = await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ msg: 'bare ready', address })}\n`);
