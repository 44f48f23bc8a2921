/** The projection worker for the lag benchmark, in its own process (as `npm run start:worker`). */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@indaga/platform';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/** INDAGA_BENCH_CPU_PROFILE=file.cpuprofile: profile the worker and write it when the bench stops it (SIGTERM). */
function profileUntilStopped(file: string): void {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.prependListener('SIGTERM', () => {
    // An in-thread inspector session answers synchronously, so the file is written before Nest exits.
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}

/** INDAGA_BENCH_WORKER_CPU=file: write the worker's CPU time (user + system ms) there when the bench stops it. */
function reportCpuWhenStopped(file: string): void {
  process.prependListener('SIGTERM', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(
      file,
      JSON.stringify({ userMs: user / 1000, systemMs: system / 1000, uptimeMs: process.uptime() * 1000 }),
    );
  });
}

async function main() {
  const profile = process.env.INDAGA_BENCH_CPU_PROFILE;
  if (profile) profileUntilStopped(profile);
  const cpu = process.env.INDAGA_BENCH_WORKER_CPU;
  if (cpu) reportCpuWhenStopped(cpu);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig()), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  process.stdout.write('listening 0\n');
}

void main();
