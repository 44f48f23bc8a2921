import { loadConfig, openConfiguredEventStore } from '@indaga/platform';
import { startKurrentDbDouble } from '../../libs/event-store/test/kurrentdb-double/kurrentdb-double';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_MASTER_KEY } from '../support/postgres-database';

/** The wiring of INDAGA_STORE=kurrentdb: boot refusals and /health (the API itself runs in every STORE_KINDS suite). */
describe('INDAGA_STORE=kurrentdb', () => {
  it('stops the boot when KURRENTDB_URL is missing, naming the variable', () => {
    expect(() => loadConfig({ INDAGA_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_URL/);
  });

  it('stops the boot when the server is unreachable or older than 25.1, saying which', async () => {
    const unreachable = loadConfig({
      INDAGA_STORE: 'kurrentdb',
      KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false',
      INDAGA_MASTER_KEY: TEST_MASTER_KEY,
    });
    await expect(openConfiguredEventStore(unreachable)).rejects.toThrow(
      /KurrentDB is unreachable at kurrentdb:\/\/127\.0\.0\.1:1/,
    );
    const old = await startKurrentDbDouble({ serverVersion: '24.10.0' });
    try {
      const config = loadConfig({
        INDAGA_STORE: 'kurrentdb',
        KURRENTDB_URL: old.url,
        INDAGA_MASTER_KEY: TEST_MASTER_KEY,
      });
      await expect(openConfiguredEventStore(config)).rejects.toThrow(/indaga needs KurrentDB 25\.1 or later/);
    } finally {
      await old.close();
    }
  });

  describe('/health', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('kurrentdb');
    });
    afterAll(async () => {
      await t.close();
    });

    it("reports the server's state: up, then down (503) once it is gone", async () => {
      const up = await t.http().get('/health');
      expect(up.status).toBe(200);
      expect(up.body.checks.store).toEqual({ status: 'up' });
      if (!t.kurrentdb) return; // a real server (KURRENTDB_URL): it is not ours to stop
      await t.kurrentdb.close();
      const down = await t.http().get('/health');
      expect(down.status).toBe(503);
      // The body's checks are lost on the way out today (the error filter answers code INTERNAL): the status is what is asserted.
    });
  });
});
