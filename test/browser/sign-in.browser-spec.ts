import { api } from './support/seed';
import { seedNetwork } from './support/seed';
import { goTo, settled, signIn, startWorkspace, Workspace } from './support/workspace';

/** Sign-in per role: the token goes to sessionStorage only, and the pages follow the role (GET /v1/me). */
describe('workspace sign-in', () => {
  let w: Workspace;
  beforeAll(async () => {
    w = await startWorkspace();
    await seedNetwork(w.admin, { networkId: 'red-propia', name: 'Red Propia', region: 'Maule', quarters: 3 });
    await seedNetwork(w.admin, { networkId: 'red-ajena', name: 'Red Ajena', region: 'Ñuble', quarters: 3 });
    await settled(w.admin);
  });
  afterAll(() => w.close());

  const navOf = async (role: 'admin' | 'analyst' | 'network') => {
    const token = role === 'admin' ? w.admin.token : await w.issue(role, role === 'network' ? 'red-propia' : undefined);
    const context = await w.context();
    const page = await context.newPage();
    await signIn(page, w.base, token);
    const nav = await page
      .locator('nav [data-nav]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('data-nav')));
    const rows = await page
      .locator('table.networks tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-network-id')));
    const stored = await page.evaluate(() => sessionStorage.getItem('indaga.token'));
    const url = page.url();
    await context.close();
    return { token, nav, rows, stored, url };
  };

  it('shows an admin every page and every network', async () => {
    const { nav, rows, stored, url, token } = await navOf('admin');
    expect(nav).toEqual(['overview', 'network', 'history', 'record', 'export', 'operations']);
    expect(rows.sort()).toEqual(['red-ajena', 'red-propia']);
    expect(stored).toBe(token);
    expect(url).not.toContain(token);
  });

  it('shows an analyst no recording page', async () => {
    const { nav, rows } = await navOf('analyst');
    expect(nav).toEqual(['overview', 'network', 'history', 'export', 'operations']);
    expect(rows).toHaveLength(2);
  });

  it("shows a network token its own network's pages only", async () => {
    const { nav, rows } = await navOf('network');
    expect(nav).toEqual(['overview', 'network', 'history', 'record']);
    expect(rows).toEqual(['red-propia']);
  });

  it('refuses an unknown token with a message in Spanish, and a revoked one signs the user out', async () => {
    const context = await w.context();
    const page = await context.newPage();
    await page.goto(`${w.base}/app/`);
    await page.fill('input[name=token]', 'idg_nope_nope');
    await page.click('form.login button[type=submit]');
    await page.getByRole('alert').getByText('El token no es válido o fue revocado.').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('indaga.token'))).toBeNull();

    const issued = await api(w.admin, 'POST', '/v1/tokens', { role: 'analyst' });
    await signIn(page, w.base, issued.token);
    await api(w.admin, 'DELETE', `/v1/tokens/${issued.id}`);
    await page.goto(`${w.base}/app/#/red/red-propia`);
    await page.locator('form.login').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('indaga.token'))).toBeNull();
    await context.close();
  });

  it('keeps an analyst out of the recording page even by its address', async () => {
    const context = await w.context();
    const page = await context.newPage();
    await signIn(page, w.base, await w.issue('analyst'));
    await goTo(page, w.base, 'registrar/red-propia', 'record');
    await page.getByText('Su rol no tiene acceso a esta página.').waitFor();
    await context.close();
  });

  it('is reached from / (redirect to /app/)', async () => {
    const context = await w.context();
    const page = await context.newPage();
    await page.goto(`${w.base}/`);
    expect(page.url()).toBe(`${w.base}/app/`);
    await page.locator('form.login').waitFor();
    await context.close();
  });
});
