import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { api, seedNetwork } from './support/seed';
import { goTo, settled, signIn, startWorkspace, Workspace } from './support/workspace';

/** Today in the page's time zone as dd-mm-aaaa, and the ISO instant the page sends for it (its last millisecond). */
async function todayInPage(page: Page): Promise<{ typed: string; asOf: string }> {
  return page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      typed: `${pad(now.getDate())}-${pad(now.getMonth() + 1)}-${now.getFullYear()}`,
      asOf: new Date(now.getFullYear(), now.getMonth(), now.getDate(), 23, 59, 59, 999).toISOString(),
    };
  });
}

const firstLine = (text: string) => text.replace(/^\uFEFF/, '').split('\n')[0];

/**
 * Exportar sends the chosen period and as-of; date fields take dd-mm-aaaa
 * (text fields, so a browser in another language draws them the same) and
 * refuse anything else in Spanish, sending nothing.
 */
describe('workspace exports and dates', () => {
  let w: Workspace;
  let page: Page;
  beforeAll(async () => {
    w = await startWorkspace();
    await seedNetwork(w.admin, { networkId: 'red-talca', name: 'Red Talca Sur', region: 'Maule', quarters: 6 });
    await seedNetwork(w.admin, { networkId: 'red-linares', name: 'Red Linares', region: 'Maule', quarters: 3 });
    await settled(w.admin);
    page = await (await w.context()).newPage();
    await signIn(page, w.base, w.admin.token);
  });
  afterAll(() => w.close());

  it('downloads trajectories with the chosen period and as-of, the file being what the API gives', async () => {
    await goTo(page, w.base, 'exportar', 'export');
    const { typed, asOf } = await todayInPage(page);
    await page.selectOption('select[name=period]', 'year');
    await page.fill('input[name=asOf]', typed);
    await page.check('input[name=bom]');
    const [request, download] = await Promise.all([
      page.waitForRequest(/\/v1\/exports\/trajectories\.csv/),
      page.waitForEvent('download'),
      page.locator('button[data-export=trajectories]').click(),
    ]);
    const url = new URL(request.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ period: 'year', bom: 'true', asOf });
    expect(request.headers().authorization).toBe(`Bearer ${w.admin.token}`);
    const file = readFileSync((await download.path())!, 'utf8');
    expect(file.startsWith('\uFEFF')).toBe(true);
    const fromApi = await (
      await fetch(`${w.base}${url.pathname}${url.search}`, { headers: { authorization: `Bearer ${w.admin.token}` } })
    ).text();
    expect(firstLine(file)).toBe(firstLine(fromApi));
    expect(file.replace(/^\uFEFF/, '')).toBe(fromApi.replace(/^\uFEFF/, ''));
    // Yearly rows (2021, not 2021-Q1), networks in id order.
    expect(file.split('\n')[1]).toMatch(/^red-linares,Red Linares,Maule,2021,/);
    await page.getByText(`Descargado: ${download.suggestedFilename()}`).waitFor();
  });

  it("downloads one network's events as of a moment typed with its time", async () => {
    await goTo(page, w.base, 'exportar', 'export');
    const { typed } = await todayInPage(page);
    await page.selectOption('select[name=networkId]', 'red-linares');
    await page.fill('input[name=asOf]', `${typed} 23:59`);
    const [request, download] = await Promise.all([
      page.waitForRequest(/\/v1\/exports\/events\.ndjson/),
      page.waitForEvent('download'),
      page.locator('button[data-export=events]').click(),
    ]);
    const params = Object.fromEntries(new URL(request.url()).searchParams);
    expect(params.networkId).toBe('red-linares');
    const expected = await page.evaluate((text) => {
      const [d, m, y] = text.split('-').map(Number);
      return new Date(y, m - 1, d, 23, 59, 0).toISOString();
    }, typed);
    expect(params.asOf).toBe(expected);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    const events = (await api(w.admin, 'GET', '/v1/networks/red-linares/events?limit=1000')).events;
    expect(lines).toHaveLength(events.length);
    expect(JSON.parse(lines[0])).toMatchObject({ type: 'NetworkRegistered', version: 1 });
  });

  it('refuses an as-of that is not a date, in Spanish, and downloads nothing', async () => {
    await goTo(page, w.base, 'exportar', 'export');
    let requests = 0;
    page.on('request', (r) => {
      if (r.url().includes('/v1/exports/')) requests++;
    });
    await page.fill('input[name=asOf]', '2024/31/12');
    await page.locator('button[data-export=indicators]').click();
    const message = 'Fecha no válida: escríbala como dd-mm-aaaa o dd-mm-aaaa hh:mm, por ejemplo 04-04-2023 18:30.';
    await page.locator('[data-error-for=asOf]').getByText(message).waitFor();
    expect(await page.getAttribute('input[name=asOf]', 'aria-invalid')).toBe('true');
    expect(requests).toBe(0);
  });

  it('replays the network as known on a day typed as dd-mm-aaaa', async () => {
    await goTo(page, w.base, 'historia/red-talca', 'history');
    const label = await page.locator('label[for]', { hasText: 'Conocido al' }).textContent();
    expect(label).toBe('Conocido al (dd-mm-aaaa, hora hh:mm opcional)');
    expect(await page.getAttribute('input[name=asOf]', 'placeholder')).toBe('dd-mm-aaaa hh:mm');
    await page.fill('input[name=asOf]', '30-02-2024');
    await page.getByRole('button', { name: 'Ver a esa fecha' }).click();
    await page
      .locator('[data-error-for=asOf]')
      .getByText(/^Fecha no válida/)
      .waitFor();

    const { typed, asOf } = await todayInPage(page);
    const current = await api(w.admin, 'GET', '/v1/networks/red-talca');
    // First a past version, so the as-of answer is seen to redraw the replay.
    await page.getByTestId('replay-slider').focus();
    await page.keyboard.press('Home');
    await page.locator('[data-testid=replay-level][data-version="1"]').waitFor();
    await page.fill('input[name=asOf]', typed);
    const [request] = await Promise.all([
      page.waitForRequest(/\/state\?asOf=/),
      page.getByRole('button', { name: 'Ver a esa fecha' }).click(),
    ]);
    expect(new URL(request.url()).searchParams.get('asOf')).toBe(asOf);
    await page.locator(`[data-testid=replay-level][data-version="${current.version}"]`).waitFor();
    expect(await page.locator('[data-error-for=asOf]').textContent()).toBe('');
  });

  it('takes and checks the session date as dd-mm-aaaa even in a browser set to English (US)', async () => {
    const us = await (await w.context({ locale: 'en-US', timezoneId: 'America/New_York' })).newPage();
    await signIn(us, w.base, await w.issue('network', 'red-talca'));
    await goTo(us, w.base, 'registrar/red-talca', 'record');
    await us.locator('[data-choose-form=session]').click();
    const form = us.locator('form[data-form=session]');
    const date = form.locator('input[name=heldOn]');
    expect(await date.getAttribute('type')).toBe('text');
    expect(await date.getAttribute('placeholder')).toBe('dd-mm-aaaa');
    expect(await form.locator(`label[for="${await date.getAttribute('id')}"]`).textContent()).toBe(
      'Fecha de la sesión (dd-mm-aaaa)',
    );
    let posted = 0;
    us.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/sessions')) posted++;
    });
    // 31 February: refused here, next to the field, and nothing is sent.
    await date.fill('31-02-2023');
    await form.locator('button[type=submit]').click();
    await form
      .locator('[data-error-for=heldOn]')
      .getByText('Fecha no válida: escríbala como dd-mm-aaaa, por ejemplo 04-04-2023.')
      .waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await us.getByTestId('form-status').getByText('No se registró: Hay campos con valores no válidos.').waitFor();
    expect(posted).toBe(0);

    // A real day goes to the API as aaaa-mm-dd (its own validation then speaks for the other fields).
    await date.fill('04-04-2023');
    const [request] = await Promise.all([
      us.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/sessions')),
      form.locator('button[type=submit]').click(),
    ]);
    expect(JSON.parse(request.postData()!).heldOn).toBe('2023-04-04');
    await us.context().close();
  });
});
