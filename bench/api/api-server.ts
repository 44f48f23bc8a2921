/** The real API for the benchmark, in its own process: `node … api-server.ts` with the usual environment. */
import 'reflect-metadata';
import { loadConfig } from '@indaga/platform';
import { createApp } from '../../apps/api/src/create-app';

async function main() {
  const app = await createApp(loadConfig(), { docs: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
}

void main();
