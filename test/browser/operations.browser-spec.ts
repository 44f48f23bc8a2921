import { EVENT_STORE, type EventStore } from '@indaga/event-store';
import type { Page } from 'playwright-core';
import { seedNetworks } from '../../bench/projections/seed-networks';
import { api } from './support/seed';
import { goTo, signIn, startWorkspace, Workspace } from './support/workspace';

/** Operación: a rebuild with a live progress bar that ends live; tokens issued (secret shown once) and revoked; the access log. */
describe('workspace operations', () => {
  let w: Workspace;
  let page: Page;
  beforeAll(async () => {
    w = await startWorkspace();
    // Enough history that the rebuild has something to count.
    await seedNetworks(w.app.get<EventStore>(EVENT_STORE), 40, 250);
    page = await (await w.context()).newPage();
    await signIn(page, w.base, w.admin.token);
    await goTo(page, w.base, 'operacion', 'operations');
  });
  afterAll(() => w.close());

  it('rebuilds a projection with a progress bar until it is live again', async () => {
    await page.locator('[data-rebuild=network-views]').click();
    const bar = page.locator('.progress[data-rebuild-of=network-views]');
    await bar.waitFor();
    await page.locator('.progress[data-rebuild-of=network-views][data-state=done]').waitFor({ timeout: 60_000 });
    await page.locator('tr[data-projection=network-views][data-status=live]').waitFor();
    const projections = await api(w.admin, 'GET', '/v1/projections');
    const rebuilt = projections.find((p: { name: string }) => p.name === 'network-views');
    expect(rebuilt.rebuild.state).toBe('done');
    expect(await bar.locator('progress').evaluate((el: HTMLProgressElement) => el.value)).toBe(1);
    const total = rebuilt.rebuild.total.toLocaleString('es-CL');
    expect(await bar.locator('label').textContent()).toBe(
      `Reconstrucción de network-views: terminada, ${total} de ${total} eventos`,
    );
  });

  it('issues a token whose secret is shown once, and revokes it', async () => {
    await page.selectOption('form[data-form=issue-token] select[name=role]', 'analyst');
    await page.locator('form[data-form=issue-token] button[type=submit]').click();
    const secret = (await page.getByTestId('token-secret').textContent())!;
    expect(secret).toMatch(/^idg_/);
    await page.getByText('Copie este token ahora: no se volverá a mostrar.').waitFor();
    const me = await api({ base: w.base, token: secret }, 'GET', '/v1/me');
    expect(me.role).toBe('analyst');

    await page.locator(`[data-token-id="${me.tokenId}"] button`).click();
    await page.getByText(`Token ${me.tokenId} revocado.`).waitFor();
    const response = await fetch(`${w.base}/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(401);
    // Leaving the page forgets the secret: it is not shown again.
    await goTo(page, w.base, 'resumen', 'overview');
    await goTo(page, w.base, 'operacion', 'operations');
    expect(await page.getByTestId('token-secret').count()).toBe(0);
  });

  it('lists the access log for the admin, newest first, filtered by token', async () => {
    await api(w.admin, 'GET', '/v1/events?limit=1');
    const me = await api(w.admin, 'GET', '/v1/me');
    await goTo(page, w.base, 'resumen', 'overview');
    await goTo(page, w.base, 'operacion', 'operations');
    const first = page.locator('[data-testid=access-log] tbody tr').first();
    await first.waitFor();
    expect(await first.locator('td').allTextContents()).toEqual([
      expect.any(String),
      me.tokenId,
      'administración',
      'todas',
      'GET /v1/events',
      expect.any(String),
    ]);
    await page.fill('form[data-form=access-log] input[name=tokenId]', 'nadie');
    await page.locator('form[data-form=access-log] button[type=submit]').click();
    await page.getByText('Sin registros.').waitFor();
  });

  it('lists every token GET /v1/tokens gives, never a secret, with a revoke button per live one', async () => {
    // Issued elsewhere (not from this page): the list comes from the API, not from this tab's memory.
    const issued = await api(w.admin, 'POST', '/v1/tokens', {
      role: 'network',
      networkId: 'red-ops',
      label: 'Coordinación Maule',
    });
    await goTo(page, w.base, 'resumen', 'overview');
    await goTo(page, w.base, 'operacion', 'operations');
    const listed = await api(w.admin, 'GET', '/v1/tokens');
    const rows = page.locator('[data-testid=tokens] tbody tr');
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-token-id'),
        revoked: tr.getAttribute('data-revoked') === 'true',
        buttons: tr.querySelectorAll('button[data-revoke]').length,
      })),
    );
    expect(shown).toEqual(
      listed.map((x: { id: string; revoked: boolean }) => ({
        id: x.id,
        revoked: x.revoked,
        buttons: x.revoked ? 0 : 1,
      })),
    );
    const row = page.locator(`[data-testid=tokens] tr[data-token-id="${issued.id}"]`);
    const text = (await row.textContent())!;
    expect(text).toContain('red-ops');
    expect(text).toContain('Coordinación Maule');
    expect(text).toContain('vigente');
    expect(await page.locator('[data-testid=tokens]').textContent()).not.toContain(issued.token);

    await row.locator(`button[data-revoke="${issued.id}"]`).click();
    await page.locator(`[data-testid=tokens] tr[data-token-id="${issued.id}"][data-revoked=true]`).waitFor();
    expect(await row.textContent()).toMatch(/revocado el \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    expect(await row.locator('button').count()).toBe(0);
    const after = await api(w.admin, 'GET', '/v1/tokens');
    expect(after.find((x: { id: string }) => x.id === issued.id).revoked).toBe(true);
  });
});
