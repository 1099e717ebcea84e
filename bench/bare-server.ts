import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { callRecorder } from './call-record.js';
import { openCeilingWorks } from './ceiling.js';
import { dispatchFloor } from './dispatch-floor.js';
import { openReadFloors, type ReadFloors } from './scale-floor.js';
import { bareLink } from './scenarios.js';

/**
 * The baseline: a bare Fastify handler that parses a webhook body and answers
 * a fixed response, with no auth, storage or validation; the same with
 * a fixed amount of busy work added (`POST /work/{µs}`); and a bare
 * redirect from a Map for the short-URL scenario. Given a database
 * (`bare-server.js PORT DATABASE_URL SCHEMA`), it also answers
 * `POST /floor/{scenario}` by running that call's statements (bench/ceiling.ts),
 * `POST /floor-record/{scenario}` by the same with what every call records (bench/call-record.ts; `none`: that alone),
 * `GET /floor/link/{code}` by the redirect's (bench/scale-floor.ts), and `POST /floor-dispatch` by delivering jobs as the dispatcher must
 * (bench/dispatch-floor.ts), answering once they are all delivered and ended.
 * Given `scale` after the schema, it answers the scale part's floors instead
 * (bench/scale-floor.ts): `POST /floor-scale/contact` and `GET /floor-scale/link/{code}`.
 */
const app = Fastify({ logger: false });
const webhookAnswer = (body: { method?: string }) => ({ method: body.method, status: 'SUCCESS', keys: [{ name: '$flow.key.result', value: 'SUCCESS' }] });
app.post('/webhook', async (request) => webhookAnswer(request.body as { method?: string }));
// The bare handler with work added (bench/runner.ts workBudgetBench): the process busy for `micros` µs a call, then the same answer.
app.post('/work/:micros', async (request) => {
  const until = process.hrtime.bigint() + BigInt(Math.round(Number((request.params as { micros: string }).micros) * 1000));
  while (process.hrtime.bigint() < until);
  return webhookAnswer(request.body as { method?: string });
});
// The redirect baseline: a code looked up in a Map, answered with a 302.
const links = new Map([[bareLink.code, bareLink.longUrl]]);
app.get('/:code', async (request, reply) => {
  const target = links.get((request.params as { code: string }).code);
  if (!target) return reply.code(404).send();
  return reply.redirect(target, 302);
});
/** A floor's redirect (bench/scale-floor.ts), answered as the bare redirect answers. */
const floorRedirect = (floors: () => ReadFloors) => async (request: FastifyRequest, reply: FastifyReply) => {
  const target = await floors().redirect((request.params as { code: string }).code);
  if (!target) return reply.code(404).send();
  return reply.redirect(target, 302);
};
const [portArgument, databaseUrl, schema, floors] = process.argv.slice(2);
if (databaseUrl && floors === 'scale') {
  const scale = openReadFloors({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema ?? 'public' });
  app.post('/floor-scale/contact', async (request) => {
    const body = request.body as { method?: string; keys?: Array<{ value?: string }> };
    await scale.readContact(`+91${body.keys?.[0]?.value ?? ''}`);
    return webhookAnswer(body);
  });
  app.get('/floor-scale/link/:code', floorRedirect(() => scale));
  app.addHook('onClose', () => scale.close());
} else if (databaseUrl) {
  const works = openCeilingWorks({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema ?? 'public' });
  app.post('/floor/:scenario', async (request) => {
    await works.run((request.params as { scenario: string }).scenario);
    return webhookAnswer(request.body as { method?: string });
  });
  const recorder = callRecorder(works.driver);
  app.post(
    '/floor-record/:scenario',
    {
      onResponse: (request, reply, done) => {
        const accountId = recorder.accountOf(request.headers.authorization);
        const method = (request.body as { method?: string }).method ?? '';
        if (accountId !== undefined) recorder.record({ requestId: request.id, accountId, method, path: request.routeOptions.url ?? '', status: reply.statusCode, durationMs: reply.elapsedTime });
        done();
      },
    },
    async (request, reply) => {
      if (recorder.accountOf(request.headers.authorization) === undefined) return reply.code(401).send({ status: 'FAILURE' });
      const { scenario } = request.params as { scenario: string };
      if (scenario !== 'none') await works.run(scenario);
      return webhookAnswer(request.body as { method?: string });
    },
  );
  let dispatchRun = 0;
  app.post('/floor-dispatch', async (request) => {
    const { jobs, concurrency, dialerUrl, secret, flowId } = request.body as { jobs: number; concurrency: number; dialerUrl: string; secret: string; flowId: string };
    await dispatchFloor(works.driver, { run: ++dispatchRun, jobs, concurrency, dialerUrl, secret, flowId });
    return { delivered: jobs };
  });
  // Opened at its first call, after the other floors: on SQLite it checkpoints the log off the event loop, as the
  // server does, which the call floors before it were measured without.
  let reads: ReadFloors | undefined;
  app.get('/floor/link/:code', floorRedirect(() => (reads ??= openReadFloors({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema ?? 'public' }))));
  app.addHook('onClose', async () => {
    await recorder.close();
    await reads?.close();
    await works.close();
  });
}
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
const address = await app.listen({ port: Number(portArgument ?? 0), host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ msg: 'bare ready', address })}\n`);
