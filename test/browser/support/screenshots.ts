/**
 * The README's screenshots of the workspace (docs/workspace-*.png), and the
 * other pages for a look: `npx ts-node --transpile-only -r tsconfig-paths/register
 * test/browser/support/screenshots.ts [dir]` (default docs/). The same app,
 * chromium and seed as the browser tests.
 */
import { join } from 'node:path';
import { api, seedNetwork } from './seed';
import { goTo, settled, signIn, startWorkspace } from './workspace';

const NETWORKS = [
  { networkId: 'red-arica', name: 'Red Arica Valles', region: 'Arica y Parinacota', quarters: 11, zone: 'urban' },
  { networkId: 'red-chillan', name: 'Red Chillán Rural', region: 'Ñuble', quarters: 8, stages: 1 },
  { networkId: 'red-talca', name: 'Red Talca Sur', region: 'Maule', quarters: 12 },
  { networkId: 'red-temuco', name: 'Red Temuco Norte', region: 'Araucanía', quarters: 4, stages: 0 },
  { networkId: 'red-valdivia', name: 'Red Valdivia Costa', region: 'Los Ríos', quarters: 10, stages: 1 },
] as const;

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(__dirname, '../../../docs');
  const w = await startWorkspace();
  try {
    for (const n of NETWORKS) await seedNetwork(w.admin, n);
    await settled(w.admin);
    await api(w.admin, 'POST', '/v1/tokens', { role: 'network', networkId: 'red-talca', label: 'Coordinación Talca' });
    const page = await (await w.context({ viewport: { width: 1100, height: 760 } })).newPage();
    await signIn(page, w.base, w.admin.token);
    const shots: Array<[hash: string, name: string, file: string]> = [
      ['resumen', 'overview', 'workspace-resumen.png'],
      ['red/red-talca', 'network', 'workspace-red.png'],
      ['registrar/red-talca', 'record', 'workspace-registrar.png'],
      ['historia/red-talca', 'history', 'look-historia.png'],
      ['exportar', 'export', 'look-exportar.png'],
      ['operacion', 'operations', 'look-operacion.png'],
    ];
    for (const [hash, name, file] of shots) {
      await goTo(page, w.base, 'resumen', 'overview');
      await goTo(page, w.base, hash, name);
      if (name === 'record') await page.locator('[data-choose-form=session]').click();
      await page.waitForTimeout(600); // charts' entry animation
      await page.screenshot({ path: join(dir, file) });
      console.log(join(dir, file));
    }
  } finally {
    await w.close();
  }
}

void main();
