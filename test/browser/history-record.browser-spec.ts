import type { Page } from 'playwright-core';
import { api, seedNetwork } from './support/seed';
import { goTo, settled, signIn, startWorkspace, Workspace } from './support/workspace';

const latestLevel = (trajectory: { periods: Array<{ level: string | null }> }) =>
  [...trajectory.periods].reverse().find((p) => p.level)?.level ?? null;

/** Historia's replay equals the API's state?version=; Registrar records once per submission, with errors by field. */
describe('workspace history and recording', () => {
  let w: Workspace;
  let page: Page;
  let networkToken: string;
  beforeAll(async () => {
    w = await startWorkspace();
    await seedNetwork(w.admin, { networkId: 'red-talca', name: 'Red Talca Sur', region: 'Maule', quarters: 9 });
    await settled(w.admin);
    networkToken = await w.issue('network', 'red-talca');
    page = await (await w.context()).newPage();
  });
  afterAll(() => w.close());

  it('shows at a past version the level that state?version= gives', async () => {
    await signIn(page, w.base, w.admin.token);
    await goTo(page, w.base, 'historia/red-talca', 'history');
    const current = await api(w.admin, 'GET', '/v1/networks/red-talca');
    // A past version whose level differs from today's.
    let version = current.version;
    let expected: string | null = null;
    for (let v = current.version - 1; v >= 1; v--) {
      const state = await api(w.admin, 'GET', `/v1/networks/red-talca/state?version=${v}`);
      if (latestLevel(state.trajectory) === 'collaborative') {
        version = v;
        expected = 'collaborative';
        break;
      }
    }
    expect(expected).toBe('collaborative');
    const level = page.getByTestId('replay-level');
    expect(await level.getAttribute('data-level')).toBe('cooperative');
    // The slider driven by the keyboard alone.
    await page.getByTestId('replay-slider').focus();
    for (let i = 0; i < current.version - version; i++) await page.keyboard.press('ArrowLeft');
    await page.locator(`[data-testid=replay-level][data-version="${version}"]`).waitFor();
    expect(await level.getAttribute('data-level')).toBe(expected);
    expect(await page.getByTestId('replay-version').textContent()).toBe(`Versión ${version} de ${current.version}`);
    const periods = await page.locator('.replay-view [data-testid=trajectory-periods] button').count();
    const state = await api(w.admin, 'GET', `/v1/networks/red-talca/state?version=${version}`);
    expect(periods).toBe(state.trajectory.periods.length);

    // Two moments side by side: the periods whose level changed between them.
    await page.fill('input[name=versionA]', String(version));
    await page.fill('input[name=versionB]', String(current.version));
    await page.getByRole('button', { name: 'Comparar dos momentos' }).click();
    await page.getByTestId('changes').waitFor();
    expect(
      await page
        .locator('.side-by-side [data-version]')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-level'))),
    ).toEqual(['collaborative', 'cooperative']);
  });

  const sessionsHeld = async () =>
    (await api(w.admin, 'GET', '/v1/networks/red-talca/events?limit=1000')).events.filter(
      (e: { type: string }) => e.type === 'SessionHeld',
    ).length;

  /** Presses Tab until the control for `field` has the focus (it must be reachable by keyboard). */
  async function tabTo(field: string): Promise<void> {
    for (let i = 0; i < 40; i++) {
      const at = await page.evaluate(
        () => document.activeElement?.getAttribute('data-field') ?? document.activeElement?.getAttribute('name'),
      );
      if (at === field) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`${field} is not reachable with Tab`);
  }

  /** Fills the session form with the keyboard only (Tab, typing, arrows, Space). */
  async function fillSessionByKeyboard(minutes: string): Promise<void> {
    await page.locator('[data-choose-form=session]').focus();
    await page.keyboard.press('Enter');
    const form = page.locator('form[data-form=session]');
    // Choosing a form moves the focus to its first field: the session date, typed as in Chile.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('heldOn');
    await page.keyboard.type('04-04-2023');
    await tabTo('facilitator');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab'); // first school present
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabTo('attendance.teachers');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7');
    await tabTo('activities[0].kind');
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown'); // joint_planning
    await tabTo('activities[0].minutes');
    if (minutes) await page.keyboard.type(minutes);
    expect(await form.locator('input[name=heldOn]').inputValue()).toBe('04-04-2023');
    expect(await form.locator('select[name=facilitator]').inputValue()).toBe('sostenedor');
    expect(await form.locator('input:checked').count()).toBe(2);
    expect(await form.locator('[data-field="attendance.teachers"]').inputValue()).toBe('7');
    expect(await form.locator('select[data-field="activities[0].kind"]').inputValue()).toBe('joint_planning');
  }

  it('shows a field-level error in Spanish next to the field the API names', async () => {
    await page.evaluate(() => sessionStorage.clear());
    await signIn(page, w.base, networkToken);
    await goTo(page, w.base, 'registrar/red-talca', 'record');
    const before = await sessionsHeld();
    await fillSessionByKeyboard(''); // no minutes
    await page.keyboard.press('Enter');
    const error = page.locator('form[data-form=session] [data-error-for="activities[0].minutes"]');
    await error.getByText('Este campo es obligatorio.').waitFor();
    expect(await page.locator('[data-field="activities[0].minutes"]').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('form-status').getByText('No se registró: Hay campos con valores no válidos.').waitFor();
    expect(await sessionsHeld()).toBe(before);
  });

  it('records a session filled by keyboard alone, once on a double click', async () => {
    await goTo(page, w.base, 'registrar/red-talca', 'record');
    const before = await sessionsHeld();
    await fillSessionByKeyboard('90');
    await page.locator('form[data-form=session] button[type=submit]').dblclick();
    await page.locator('[data-testid=record-status].ok').waitFor();
    expect(await sessionsHeld()).toBe(before + 1);
    // The form starts over, so the same content is not sent again by mistake.
    expect(await page.locator('form[data-form=session] input[name=heldOn]').inputValue()).toBe('');
  });

  it('records once when the answer is lost and the user submits again (same Idempotency-Key)', async () => {
    await goTo(page, w.base, 'registrar/red-talca', 'record');
    const before = await sessionsHeld();
    await fillSessionByKeyboard('60');
    const keys: string[] = [];
    await page.route('**/v1/networks/red-talca/sessions', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        await route.fetch(); // the server records it…
        await route.abort('connectionreset'); // …but the answer never reaches the page
      } else await route.continue();
    });
    const submit = page.locator('form[data-form=session] button[type=submit]');
    await submit.click();
    await page.getByTestId('form-status').getByText('No se registró: No hay conexión con el servicio.').waitFor();
    await submit.click();
    await page.locator('[data-testid=record-status].ok').waitFor();
    await page.unroute('**/v1/networks/red-talca/sessions');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await sessionsHeld()).toBe(before + 1);
  });
});
