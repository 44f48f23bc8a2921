import 'reflect-metadata';
import { createPinoLogger, describeBootError, loadConfig } from '@indaga/platform';
import { AuthService } from './auth/auth.service';
import { createApp } from './create-app';
import { publicUrl, startupLine } from './operations/startup-line';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as { port: number };
  const url = publicUrl(config.host, port);
  // Written whatever LOG_LEVEL is: where the service is and how to reach it is what an operator looks for first.
  createPinoLogger('info').info(
    startupLine(config, { url, generatedAdminToken: app.get(AuthService).generatedAdminToken }),
  );
}

main().catch((err) => {
  console.error(`indaga: cannot start: ${describeBootError(err)}`);
  process.exit(1);
});
