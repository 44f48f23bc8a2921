import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresSqlClient, SqlClient, SqliteSqlClient } from '@indaga/platform';
import { READ_MODEL_MIGRATIONS } from '../src/read-models/read-model.migrations';
import { ReadModelStore } from '../src/read-models/read-model-store';
import { createTempDatabase } from '../../../test/support/postgres-database';

describe.each(['sqlite', 'postgres'] as const)('read-model migrations (%s)', (kind) => {
  it('version 2 moves every row of version 1 into parts: the same document, view and version read back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rm-migrate-'));
    const pg = kind === 'postgres' ? await createTempDatabase('indaga_rm_migrate') : undefined;
    const sql: SqlClient = pg ? PostgresSqlClient.open(pg.url) : SqliteSqlClient.open(join(dir, 'rm.db'));
    try {
      await sql.migrate('read-models', READ_MODEL_MIGRATIONS.slice(0, 1));
      const rows = [
        ['network-views', 1, 'red-a', 12, 'Maule', '{"name":"Red A","sessions":[1,2]}', '{"network":{"version":12}}'],
        ['network-views', 2, 'red-a', 14, 'Maule', '{"name":"Red A","sessions":[1,2,3]}', '{"network":{"version":14}}'],
        ['overview', 1, 'red-b', 3, null, '{"name":"Red B — Ñuble"}', '{"quarter":{"level":null}}'],
      ] as const;
      for (const r of rows) {
        await sql.run(
          'INSERT INTO read_models (projection, generation, network_id, version, region, document, view, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [...r, '2026-11-26T00:00:00.000Z'],
        );
      }
      const readModels = new ReadModelStore(sql);
      await readModels.init(['network-views', 'overview']); // applies version 2
      for (const [projection, generation, networkId, version, , document, view] of rows) {
        expect(await readModels.rows.row(projection, generation, networkId)).toEqual({
          networkId,
          version,
          document,
          view,
        });
      }
      expect((await readModels.rows.views('network-views', 2)).map((v) => [v.networkId, v.version, v.view])).toEqual([
        ['red-a', 14, rows[1][6]],
      ]);
    } finally {
      await sql.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
