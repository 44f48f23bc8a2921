/** The projection worker for the lag benchmark, in its own process (as `npm run start:worker`). */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@indaga/platform';
import { WorkerModule } from '../../apps/worker/src/worker.module';

async function main() {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig()), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  process.stdout.write('listening 0\n');
}

void main();
