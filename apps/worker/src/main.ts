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
  // Written whatever LOG_LEVEL is, like the API's start-up line: operators (and the fault tier) look for it.
  createPinoLogger('info').info({ context: 'worker', store: config.store, role: 'worker' }, 'indaga worker started');
}

main().catch((err) => {
  console.error(`indaga worker: cannot start: ${describeBootError(err)}`);
  process.exit(1);
});
