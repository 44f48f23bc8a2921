/**
 * `npm run backup -- <file>`: a consistent copy of the embedded SQLite
 * database (INDAGA_SQLITE_PATH) while the service runs. For PostgreSQL, see
 * docs/operations.md (pg_dump).
 */
import { loadConfig } from '@indaga/platform';
import { createPinoLogger } from '@indaga/platform';
import { backupSqlite } from './sqlite-backup';

async function main() {
  const logger = createPinoLogger(process.env.LOG_LEVEL ?? 'info');
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: npm run backup -- <file>');
  const config = loadConfig();
  if (config.store !== 'sqlite')
    throw new Error(`INDAGA_STORE=${config.store}: back up that database with its own tools (docs/operations.md)`);
  const started = Date.now();
  const pages = await backupSqlite(config.sqlitePath, file);
  logger.info({ msg: 'backup written', source: config.sqlitePath, file, pages, ms: Date.now() - started });
}

main().catch((err) => {
  console.error(`backup failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
