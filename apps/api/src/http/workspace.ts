import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Where `apps/web/build.mjs` writes the bundle, from source (ts-node, tests) or from a `dist/` build. */
function workspaceDir(): string | undefined {
  const candidates = [join(__dirname, '../../../web/dist'), join(process.cwd(), 'apps/web/dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * The web workspace (apps/web) under /app, served by the API process itself so
 * that `npm start` is all a school network needs; `/` redirects there. Its
 * pages call the public REST API with the user's token; nothing here is
 * behind the auth guard because nothing here is data. The CSP keeps the page
 * from loading anything but this origin (no CDN: networks may be offline).
 */
export async function mountWorkspace(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const root = workspaceDir();
  fastify.get('/', (_request, reply) => reply.redirect('/app/'));
  if (!root) {
    fastify.get('/app/*', (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('Espacio de trabajo sin compilar: npm run build:web'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/app/',
    decorateReply: false,
    setHeaders: (res) => {
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'",
      );
      res.setHeader('Cache-Control', 'no-cache');
    },
  });
}
