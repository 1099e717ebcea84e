import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../kernel/errors.js';

export interface ConsoleRouteOptions {
  /** Folder of the built console (index.html and assets/). Default: `dist/console` of this package. */
  root?: string;
}

/** `dist/console` of the package this file belongs to, whether it runs from `src/` or from `dist/src/`. */
function defaultConsoleRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return join(folder, 'dist', 'console');
}

// `bytes=` and one or more ranges of digits (`0-99`, `100-`, `-50`), as RFC 9110 §14.1.2 writes them.
const byteRanges = /^bytes=\s*(?:\d+-\d*|-\d+)(?:\s*,\s*(?:\d+-\d*|-\d+))*\s*$/;

/**
 * An onRequest hook of the pages that serve static files (the console's assets, Swagger UI): a
 * `Range` header that is no byte range at all (`bytes=abc`) is ignored, as RFC 9110 §14.2 lets a
 * server do, and the whole file is answered; the static plugin would answer 416 as if it named bytes
 * the file does not have. A well-formed range past the end is still 416.
 */
export function ignoreMalformedRange(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  const range = request.raw.headers.range;
  if (range !== undefined && !byteRanges.test(range)) delete request.raw.headers.range;
  done();
}

/**
 * The web console at `/console`: hashed assets under `/console/assets/` with a
 * year-long immutable cache, and `index.html` for `/console` and every deep link
 * under it (the app routes in the browser). Without a build, 503 saying how to make one.
 */
export async function consoleRoutes(app: FastifyInstance, options: ConsoleRouteOptions = {}): Promise<void> {
  const root = options.root ?? defaultConsoleRoot();
  if (!existsSync(join(root, 'index.html'))) {
    const notBuilt = async (_request: unknown, reply: FastifyReply) =>
      reply.code(503).send(errorBody('NOT_READY', 'The web console is not built: run `npm run build`, then restart the server.'));
    app.get('/console', notBuilt);
    app.get('/console/*', notBuilt);
    return;
  }
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/console/assets/',
      // File names carry a content hash, so a cached copy is never stale.
      immutable: true,
      maxAge: '365d',
      index: false,
    });
    // The page itself is revalidated every time so a new build is picked up at once.
    const page = async (_request: unknown, reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', root, { cacheControl: false });
    scope.get('/console', page);
    scope.get('/console/*', page);
  });
}
