import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { masterKeyFile, resolveMasterKey } from './master-key';

describe('the master key (SPEC 6.1)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'indaga-master-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated beside the embedded database at first start (mode 0600), with a warning, then reused', () => {
    const config = loadConfig({ INDAGA_SQLITE_PATH: join(dir, 'data', 'indaga.db') });
    const warnings: string[] = [];
    const first = resolveMasterKey(config, (m) => warnings.push(m));
    expect(first).toHaveLength(32);
    expect(statSync(masterKeyFile(config)).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([expect.stringMatching(/back it up SEPARATELY/)]);
    expect(resolveMasterKey(config, (m) => warnings.push(m)).equals(first)).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  it('is INDAGA_MASTER_KEY when given, and nothing is written', () => {
    const given = Buffer.alloc(32, 9).toString('base64');
    const config = loadConfig({ INDAGA_SQLITE_PATH: join(dir, 'indaga.db'), INDAGA_MASTER_KEY: given });
    expect(resolveMasterKey(config, () => undefined).toString('base64')).toBe(given);
    expect(() => statSync(masterKeyFile(config))).toThrow();
  });
});
