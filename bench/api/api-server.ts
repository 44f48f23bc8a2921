/** The real API for the benchmark, in its own process: `node … api-server.ts` with the usual environment. */
import 'reflect-metadata';
import { loadConfig, TextSealing } from '@indaga/platform';
import { createApp } from '../../apps/api/src/create-app';

async function main() {
  const app = await createApp(loadConfig(), { docs: false });
  // Bench only (bench/personal-data): the same server writing free text plain, to measure sealing as a ratio.
  if (process.argv.includes('--plain-text')) app.get(TextSealing).enabled = false;
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
}

void main();
