import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@indaga/platform';
import { WorkerModule } from './worker.module';

async function main() {
  const config = loadConfig({ ...process.env, INDAGA_ROLE: process.env.INDAGA_ROLE ?? 'worker' });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config));
  app.enableShutdownHooks();
  console.log(`indaga worker started (store: ${config.store})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
