import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the tests use (README: trust auth, database `test`). */
/** INDAGA_MASTER_KEY of every test app and test process (SPEC 6.1; required on PostgreSQL and KurrentDB). */
export const TEST_MASTER_KEY = 'yCgPqkVQH3F0dV6c3oqV3lJc9iTtY5JQfOe7d0G4wGk=';

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database per test file, so the app runs with its real configuration
 * (DATABASE_URL) and tests cannot see each other's rows.
 */
export async function createTempDatabase(prefix = 'indaga_t'): Promise<TempDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
