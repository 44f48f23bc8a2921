import 'reflect-metadata';
import { loadConfig } from '@indaga/platform';
import { createApp } from './create-app';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  console.log(`indaga api listening on http://localhost:${config.port} (store: ${config.store})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
