import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createPinoLogger, describeBootError, loadConfig, PinoNestLogger } from '@indaga/platform';
import { WorkerModule } from './worker.module';

async function main() {
  const config = loadConfig({ ...process.env, INDAGA_ROLE: process.env.INDAGA_ROLE ?? 'worker' });
  // JSON lines through pino, in the API's format, so both processes' logs can be read together.
  const logger = createPinoLogger(config.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    // Thrown to main's catch, which prints the reason in words (Nest's own handler exits first otherwise).
    abortOnError: false,
  });
  app.enableShutdownHooks();
  logger.info({ context: 'worker', store: config.store, role: 'worker' }, 'indaga worker started');
}

main().catch((err) => {
  console.error(`indaga worker: cannot start: ${describeBootError(err)}`);
  process.exit(1);
});
