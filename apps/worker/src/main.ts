import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { describeBootError, loadConfig } from '@indaga/platform';
import { WorkerModule } from './worker.module';

async function main() {
  const config = loadConfig({ ...process.env, INDAGA_ROLE: process.env.INDAGA_ROLE ?? 'worker' });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    // Thrown to main's catch, which prints the reason in words (Nest's own handler exits first otherwise).
    abortOnError: false,
  });
  app.enableShutdownHooks();
  console.log(`indaga worker started (store: ${config.store})`);
}

main().catch((err) => {
  console.error(`indaga worker: cannot start: ${describeBootError(err)}`);
  process.exit(1);
});
