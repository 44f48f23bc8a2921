import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type IndagaConfig, TextOpener } from '@indaga/platform';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { BodyValidationPipe } from './http/body-validation.pipe';
import { InputLimitsPipe } from './http/input-limits';
import { clientErrorHandler, frameworkErrors } from './http/client-error';
import { CORRELATION_HEADER, correlationId } from './http/correlation-id';
import { createPinoLogger, PinoNestLogger } from '@indaga/platform';
import { mountWorkspace } from './http/workspace';
import { completeOpenApi } from './http/openapi/complete-openapi';
import { HttpMetrics } from './operations/metrics';
import { RateLimits } from './http/rate-limits';
import { enableCors } from './http/cors';
import { sendWriteAnswer } from './networks/write/write-answer';
import { openTextHook } from './personal-data/open-text.hook';
import { mountQueueBoard } from './operations/queue-board';

/** Max request body (SPEC section 3): larger bodies get 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateAppOptions {
  /** Serve /docs and /docs-json (default true). */
  docs?: boolean;
  /** Serve the web workspace under /app (default true). */
  workspace?: boolean;
}

/** Builds the HTTP application; shared by main.ts, the e2e tests and the benchmarks. */
export async function createApp(config: IndagaConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = createPinoLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    loggerInstance: logger,
    genReqId: correlationId,
    requestIdLogLabel: 'correlationId',
    return503OnClosing: true,
    trustProxy: config.trustProxy,
    clientErrorHandler,
    frameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    // A failure at boot is thrown to the caller (main prints it in words) instead of Nest exiting on its own.
    abortOnError: false,
  });
  enableCors(app, config);
  const exceptions = new AllExceptionsFilter();
  app.useGlobalFilters(exceptions);
  app.useGlobalPipes(new InputLimitsPipe(), new BodyValidationPipe());
  const fastify = app.getHttpAdapter().getInstance();
  // Graceful shutdown: requests in flight when closing starts are answered,
  // with `Connection: close` so that keep-alive clients do not hold the
  // server open until their idle timeout.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header(CORRELATION_HEADER, request.id);
    if (closing) reply.header('connection', 'close');
  });
  // Object answers on their way out: a write's status and headers first, then the free text opened.
  fastify.addHook('preSerialization', sendWriteAnswer);
  fastify.addHook('preSerialization', openTextHook(app.get(TextOpener), exceptions));
  app.get(HttpMetrics).install(fastify);
  await app.get(RateLimits).install(fastify);
  await mountQueueBoard(app, config);
  app.enableShutdownHooks();
  if (options.docs ?? true) mountDocs(app);
  if (options.workspace ?? true) await mountWorkspace(app);
  return app;
}

function mountDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('indaga')
      .setDescription(
        'Collaborative inquiry of school improvement networks: write facts, read trajectories, replay history (docs/SPEC.md).',
      )
      .setVersion('1')
      // Tokens are opaque (idg_<id>_<secret>), not JWTs: no bearerFormat.
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: undefined,
        description: 'Authorization: Bearer idg_<id>_<secret> (POST /v1/tokens), or INDAGA_ADMIN_TOKEN',
      })
      .build(),
  );
  completeOpenApi(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
