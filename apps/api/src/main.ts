import 'reflect-metadata';
import { describeBootError, loadConfig } from '@indaga/platform';
import { createApp } from './create-app';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  const { port } = app.getHttpServer().address() as { port: number };
  console.log(`indaga api listening on http://localhost:${port} (store: ${config.store})`);
}

main().catch((err) => {
  console.error(`indaga: cannot start: ${describeBootError(err)}`);
  process.exit(1);
});
