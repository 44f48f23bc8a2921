import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { IndagaConfig } from '../config/config';
import { KEY_BYTES } from './sealed-text';

export const MASTER_KEY = Symbol('MASTER_KEY');

/** The file an embedded (SQLite) deployment keeps its generated master key in, beside the database. */
export function masterKeyFile(config: Pick<IndagaConfig, 'sqlitePath'>): string {
  return join(dirname(config.sqlitePath), 'indaga.master-key');
}

/**
 * SPEC 6.1: INDAGA_MASTER_KEY when given (loadConfig requires it on
 * PostgreSQL and KurrentDB). On the embedded SQLite default without it, the
 * key generated into the data directory at first start (mode 0600), with a
 * warning to back it up separately: a lost master key makes all free text
 * unreadable, and a master key stored with the data protects nothing.
 */
export function resolveMasterKey(config: IndagaConfig, warn: (message: string) => void): Buffer {
  if (config.masterKey) return Buffer.from(config.masterKey, 'base64');
  if (config.store !== 'sqlite') throw new Error('INDAGA_MASTER_KEY is required on this store');
  const file = masterKeyFile(config);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    warn(
      `se generó la clave maestra ${file}: respáldela APARTE de los datos (sin ella el texto libre es ilegible) o ` +
        `defina INDAGA_MASTER_KEY / generated the master key ${file}: back it up SEPARATELY from the data ` +
        `(without it free text cannot be read), or set INDAGA_MASTER_KEY`,
    );
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold 32 bytes in base64`);
  return key;
}
