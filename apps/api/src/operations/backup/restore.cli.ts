/**
 * `npm run restore -- <file> [--force]`: puts a backup taken with
 * `npm run backup` in place of INDAGA_SQLITE_PATH and rebuilds the read
 * models from its events. For PostgreSQL, see docs/operations.md (pg_restore).
 */
import { loadConfig } from '@indaga/platform';
import { createPinoLogger } from '@indaga/platform';
import { restoreSqlite } from './restore';

async function main() {
  const logger = createPinoLogger(process.env.LOG_LEVEL ?? 'info');
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: npm run restore -- <file> [--force]');
  const config = loadConfig();
  if (config.store !== 'sqlite')
    throw new Error(`INDAGA_STORE=${config.store}: restore that database with its own tools (docs/operations.md)`);
  const report = await restoreSqlite(file, config, args.includes('--force'));
  logger.info({ msg: 'backup restored, read models rebuilt from its events', file, ...report });
  if (report.serviceWasRunning) logger.warn({ msg: 'a service had the database open: restart it now' });
}

main().catch((err) => {
  console.error(`restore failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
