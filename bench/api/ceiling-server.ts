/**
 * The framework ceiling: the same HTTP stack, validation pipe, exception
 * filter and logger as the real API, answering the same write body without
 * touching any store. `node … ceiling-server.ts fastify|express`.
 */
import 'reflect-metadata';
import { Body, Controller, Module, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { NetworkIdParam } from '../../apps/api/src/http/path-params';
import { AllExceptionsFilter } from '../../apps/api/src/http/all-exceptions.filter';
import { BodyValidationPipe } from '../../apps/api/src/http/body-validation.pipe';
import { createPinoLogger, PinoNestLogger } from '@indaga/platform';
import { RecordSessionDto } from '../../apps/api/src/networks/commands/record-session/record-session.dto';
import { BODY_LIMIT_BYTES } from '../../apps/api/src/create-app';

let version = 0;

@Controller('v1/networks/:networkId/sessions')
class CeilingController {
  @Post()
  record(
    @NetworkIdParam() networkId: string,
    @Body() body: RecordSessionDto,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ) {
    version++;
    reply.header('ETag', `"${version}"`);
    return { networkId, version, events: [{ type: 'SessionHeld', version }], id: body.sessionId ?? 'generated' };
  }
}

@Module({ controllers: [CeilingController] })
class CeilingModule {}

async function main() {
  const platform = process.argv[2] === 'express' ? 'express' : 'fastify';
  const logger = createPinoLogger(process.env.LOG_LEVEL ?? 'warn');
  const adapter =
    platform === 'fastify'
      ? new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, loggerInstance: logger })
      : new ExpressAdapter();
  const app = await NestFactory.create(CeilingModule, adapter, {
    logger: new PinoNestLogger(logger),
    bodyParser: true,
  });
  if (platform === 'express') (app as NestExpressApplication).useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(new BodyValidationPipe());
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
  // A clean exit on SIGINT, so `--cpu-prof` (bench/api/profile-api.ts) can write its profile.
  process.once('SIGINT', () => void app.close().then(() => process.exit(0)));
}

void main();
