import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresSqlClient, SqlClient, SqliteSqlClient } from '@indaga/platform';
import { ReadModelStore } from '../src/read-models/read-model-store';
import { PartsBuilder, partsChange, type TextParts } from '../src/read-models/text-parts';
import { createTempDatabase } from '../../../test/support/postgres-database';

const write = (networkId: string, version: number, view: TextParts) => ({
  networkId,
  version,
  region: null,
  document: partsChange(undefined, new Map([[0, '{}']])),
  view: partsChange(undefined, view),
});

describe.each(['sqlite', 'postgres'] as const)('read-model store pieces (%s)', (kind) => {
  let dir: string;
  let sql: SqlClient;
  let drop: (() => Promise<void>) | undefined;
  let readModels: ReadModelStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rm-pieces-'));
    const pg = kind === 'postgres' ? await createTempDatabase('indaga_rm_pieces') : undefined;
    drop = pg?.drop;
    sql = pg ? PostgresSqlClient.open(pg.url) : SqliteSqlClient.open(join(dir, 'rm.db'));
    readModels = new ReadModelStore(sql);
    await readModels.init(['p']);
  });

  afterAll(async () => {
    await sql.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a row's checkpoint and parked flag come back together; a park records the row's version", async () => {
    expect(await readModels.rows.checkpoint('p', 1, 'red-a')).toEqual({ version: 0, parked: false });
    expect(await readModels.rows.compareAndSet('p', 1, 0, write('red-a', 7, new Map([[0, '{}']])))).toBe(true);
    expect(await readModels.rows.checkpoint('p', 1, 'red-a')).toEqual({ version: 7, parked: false });
    await readModels.parking.park('p', 1, 'red-a', 'poison');
    await readModels.parking.park('p', 1, 'red-sin-fila', 'poison before any row');
    expect(await readModels.rows.checkpoint('p', 1, 'red-a')).toEqual({ version: 7, parked: true });
    // Another generation is another row.
    expect(await readModels.rows.checkpoint('p', 2, 'red-a')).toEqual({ version: 0, parked: false });
    expect((await readModels.parking.parked('p', 1)).map(({ networkId, version }) => [networkId, version])).toEqual([
      ['red-a', 7],
      ['red-sin-fila', 0],
    ]);
  });

  it('viewParts reads only the parts inside the ranges asked for, with the version of the same row', async () => {
    const view = new PartsBuilder().text('{"a":[').run(['1', ',2']).text('],"b":[').run(['3']).text(']}').build();
    expect(await readModels.rows.compareAndSet('p', 1, 0, write('red-b', 4, view))).toBe(true);
    const slice = await readModels.rows.viewParts('p', 1, 'red-b', [
      [0, 0],
      [1_000_000, 2_000_000],
    ]);
    expect(slice).toEqual({
      networkId: 'red-b',
      version: 4,
      parts: new Map([
        [0, '{"a":['],
        [1_000_000, '],"b":['],
        [1_000_001, '3'],
        [2_000_000, ']}'],
      ]),
    });
    // A row is found even when no part falls in the ranges; no row at all is undefined.
    expect(await readModels.rows.viewParts('p', 1, 'red-b', [[5_000_000, 5_000_000]])).toEqual({
      networkId: 'red-b',
      version: 4,
      parts: new Map(),
    });
    expect(await readModels.rows.viewParts('p', 1, 'red-none', [[0, 0]])).toBeUndefined();
  });
});
