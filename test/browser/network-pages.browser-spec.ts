import { api, seedNetwork } from './support/seed';
import { goTo, settled, signIn, startWorkspace, Workspace } from './support/workspace';
import type { Page } from 'playwright-core';

/** Resumen and Red show what the API answers: levels, periods, explanations (asserted on text and data attributes). */
describe('workspace overview and network page', () => {
  let w: Workspace;
  let page: Page;
  beforeAll(async () => {
    w = await startWorkspace();
    await seedNetwork(w.admin, { networkId: 'red-talca', name: 'Red Talca Sur', region: 'Maule', quarters: 9 });
    await seedNetwork(w.admin, {
      networkId: 'red-chillan',
      name: 'Red Chillán',
      region: 'Ñuble',
      quarters: 6,
      stages: 1,
      zone: 'urban',
    });
    await seedNetwork(w.admin, {
      networkId: 'red-linares',
      name: 'Red Linares',
      region: 'Maule',
      quarters: 2,
      stages: 0,
    });
    await settled(w.admin);
    page = await (await w.context()).newPage();
    await signIn(page, w.base, w.admin.token);
  });
  afterAll(() => w.close());

  it('lists every seeded network with the level and index the API gives', async () => {
    const overview = await api(w.admin, 'GET', '/v1/overview');
    const rows = await page.locator('table.networks tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-network-id'),
        level: tr.getAttribute('data-level'),
        text: tr.textContent,
      })),
    );
    expect(rows).toHaveLength(3);
    for (const n of overview.networks) {
      const row = rows.find((r) => r.id === n.networkId)!;
      expect(row.level).toBe(n.level);
      expect(row.text).toContain(n.name);
      // Decimal comma in Spanish.
      expect(row.text).toContain(String(n.cooperationIndex).replace('.', ','));
    }
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['informative', 'collaborative', 'cooperative']));
    await page.getByText('3 de 3 redes').waitFor();
  });

  it("shows each network's latest session date (dd-mm-aaaa) and how fresh its line is", async () => {
    const overview = await api(w.admin, 'GET', '/v1/overview');
    for (const n of overview.networks) {
      const row = page.locator(`table.networks tr[data-network-id="${n.networkId}"]`);
      const last = row.locator('[data-last-session]');
      expect(await last.getAttribute('data-last-session')).toBe(n.lastSessionDate);
      const [y, m, d] = n.lastSessionDate.split('-');
      expect(await last.textContent()).toBe(`${d}-${m}-${y}`);
      const fresh = row.locator('.freshness-cell');
      expect(await fresh.getAttribute('data-lag')).toBe(String(n.lag));
      expect(await fresh.getAttribute('data-projected-at')).toBe(n.projectedAt);
      expect(await fresh.textContent()).toMatch(
        new RegExp(`^al díaversión ${n.version}, \\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}$`),
      );
    }
    // The seed's last session of Red Talca Sur is in its ninth quarter (2023-T1).
    expect(overview.networks.find((n: { networkId: string }) => n.networkId === 'red-talca').lastSessionDate).toBe(
      '2023-02-10',
    );
  });

  it('filters by region and by level', async () => {
    await page.selectOption('select[name=region]', 'Maule');
    expect(await page.locator('table.networks tbody tr').count()).toBe(2);
    await page.selectOption('select[name=level]', 'informative');
    const ids = await page
      .locator('table.networks tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-network-id')));
    expect(ids).toEqual(['red-linares']);
    await page.selectOption('select[name=region]', '');
    await page.selectOption('select[name=level]', '');
  });

  it("draws the trajectory with the API's periods and levels, and explains a period on focus", async () => {
    const trajectory = await api(w.admin, 'GET', '/v1/networks/red-talca/trajectory?period=quarter');
    await goTo(page, w.base, 'red/red-talca', 'network');
    // Hovering a period shows it too: keep the pointer off the chart while the keyboard drives.
    await page.mouse.move(0, 0);
    const shown = await page
      .locator('[data-testid=trajectory-periods] button')
      .evaluateAll((buttons) =>
        buttons.map((b) => ({ period: b.getAttribute('data-period'), level: b.getAttribute('data-level') || null })),
      );
    expect(shown).toEqual(
      trajectory.periods.map((p: { period: string; level: string | null }) => ({ period: p.period, level: p.level })),
    );
    const root = page.locator('.trajectory');
    expect(await root.getAttribute('data-first-cooperative')).toBe(trajectory.firstCooperative);
    // Periods as in Chile: 2021-T1 (trimestre).
    await page.getByText(`Primer periodo cooperativo: ${trajectory.firstCooperative.replace('-Q', '-T')}`).waitFor();

    // Keyboard: focus the first period, then move with the arrow keys.
    await page.locator('[data-testid=trajectory-periods] button').first().focus();
    await page.keyboard.press('ArrowRight');
    const second = trajectory.periods[1];
    const detail = page.locator('[data-testid=period-detail] > div');
    expect(await detail.getAttribute('data-period')).toBe(second.period);
    expect(await detail.getAttribute('data-level')).toBe(second.level ?? '');
    const conditions = await detail.locator('tr[data-indicator]').evaluateAll((trs) =>
      trs.map((tr) => ({
        indicator: tr.getAttribute('data-indicator'),
        met: tr.getAttribute('data-met') === 'true',
      })),
    );
    expect(conditions).toEqual(
      second.conditions.map((c: { indicator: string; met: boolean }) => ({ indicator: c.indicator, met: c.met })),
    );
    expect(await detail.locator('.explanation').textContent()).toMatch(/^Informativa: solo 0\s?% de 90 minutos/);

    await page.keyboard.press('End');
    const last = trajectory.periods[trajectory.periods.length - 1];
    expect(await detail.getAttribute('data-period')).toBe(last.period);
    expect(await detail.locator('.explanation').textContent()).toMatch(/^Cooperativa: /);
  });

  it('shows depth and leadership of the chosen period, the heatmap and the cycles', async () => {
    const indicators = await api(w.admin, 'GET', '/v1/networks/red-talca/indicators?period=quarter');
    const last = indicators.periods[indicators.periods.length - 1];
    const detail = page.locator('[data-testid=period-detail]');
    expect(await detail.locator('dd[data-indicator=depthIndex]').textContent()).toBe(
      String(last.depth.depthIndex).replace('.', ','),
    );
    expect(await detail.locator('dd[data-indicator=sessions]').textContent()).toBe(String(last.leadership.sessions));
    await page.locator('.heatmap-host .chart svg').waitFor();
    const state = await api(w.admin, 'GET', '/v1/networks/red-talca');
    expect(await page.locator('.cycles details').count()).toBe(state.cycles.length);
    await page.locator('.cycles details summary').first().click();
    await page.locator('.cycles details').first().getByText('Observación de aula cruzada').waitFor();
  });

  it('shows the run-chart signals and the collaboration graph the analyses endpoints give', async () => {
    await goTo(page, w.base, 'red/red-talca', 'network');
    const signals = await api(w.admin, 'GET', '/v1/networks/red-talca/signals?period=quarter&measure=cooperationIndex');
    const list = page.getByTestId('signals');
    expect(await list.getAttribute('data-count')).toBe(String(signals.signals.length));
    expect(await list.getAttribute('data-median')).toBe(String(signals.median ?? ''));
    const items = await list
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-rule'), li.getAttribute('data-direction')]));
    expect(items).toEqual(signals.signals.map((x: { rule: string; direction: string }) => [x.rule, x.direction]));
    if (signals.insufficientData) await list.getByText('Aún no hay suficientes puntos para buscar señales.').waitFor();

    const graph = await api(w.admin, 'GET', '/v1/networks/red-talca/collaboration');
    const metrics = page.getByTestId('collaboration-metrics');
    await metrics.waitFor();
    expect(await metrics.evaluate((el) => ({ ...el.dataset }))).toEqual({
      testid: 'collaboration-metrics',
      nodes: String(graph.nodes.length),
      edges: String(graph.edges.length),
      density: String(graph.metrics.density ?? ''),
      components: String(graph.metrics.components),
      isolated: graph.metrics.isolated.join(' '),
    });
    expect(graph.edges.length).toBeGreaterThan(0);
    // Decimal comma in Spanish.
    expect(await metrics.textContent()).toContain(`Densidad ${String(graph.metrics.density).replace('.', ',')}`);
    await page
      .locator(
        'section:has([data-testid=collaboration-metrics]) .chart canvas, section:has([data-testid=collaboration-metrics]) .chart svg',
      )
      .first()
      .waitFor();
  });

  it('draws the share of networks per level over time and the cohorts from the cohorts endpoint', async () => {
    await goTo(page, w.base, 'resumen', 'overview');
    const cohorts = await api(w.admin, 'GET', '/v1/overview/cohorts?by=zone&period=year');
    const overTime = page.getByTestId('levels-over-time');
    await overTime.waitFor();
    const periods = [
      ...new Set<string>(
        cohorts.groups.flatMap((g: { periods: Array<{ period: string }> }) => g.periods.map((p) => p.period)),
      ),
    ].sort();
    expect(await overTime.getAttribute('data-periods')).toBe(periods.join(' '));
    // The share at each level in the last year, summed over the zone groups.
    const last = periods[periods.length - 1];
    const at = (level: string) => {
      let total = 0;
      let n = 0;
      for (const g of cohorts.groups)
        for (const p of g.periods)
          if (p.period === last) {
            total += p.networks;
            n += p.levels[level] ?? 0;
          }
      return total ? n / total : 0;
    };
    const shares = JSON.parse((await overTime.getAttribute('data-shares'))!);
    for (const level of ['informative', 'collaborative', 'cooperative'])
      expect(shares[level][periods.length - 1]).toBeCloseTo(at(level), 10);
    expect(await page.getByTestId('cohorts').getAttribute('data-groups')).toBe(
      cohorts.groups.map((g: { group: string }) => g.group).join(' '),
    );
    expect(cohorts.groups.map((g: { group: string }) => g.group)).toEqual(['rural', 'urban']);
  });

  it('compares the levels under other thresholds as the sensitivity endpoint gives them', async () => {
    await goTo(page, w.base, 'resumen', 'overview');
    const form = page.locator('form[data-form=sensitivity]');
    let asked = 0;
    page.on('request', (r) => {
      if (r.url().includes('/v1/overview/sensitivity')) asked++;
    });
    await form.locator('input[name=cooperativeShare]').fill('cero coma nueve');
    await form.locator('button[type=submit]').click();
    await form.locator('[data-error-for=cooperativeShare]').getByText('Escriba un número, por ejemplo 0,35.').waitFor();
    expect(asked).toBe(0);

    // A decimal comma, as typed in Chile.
    await form.locator('input[name=cooperativeShare]').fill('0,95');
    const [request] = await Promise.all([
      page.waitForRequest(/\/v1\/overview\/sensitivity/),
      form.locator('button[type=submit]').click(),
    ]);
    expect(Object.fromEntries(new URL(request.url()).searchParams)).toEqual({
      period: 'quarter',
      cooperativeShare: '0.95',
      collaborativeShare: '0.5',
      minMultiSchoolJointActions: '1',
    });
    const answer = await api(
      w.admin,
      'GET',
      '/v1/overview/sensitivity?period=quarter&cooperativeShare=0.95&collaborativeShare=0.5&minMultiSchoolJointActions=1',
    );
    const result = page.getByTestId('sensitivity');
    await result.locator('tbody tr').first().waitFor();
    type Counts = { informative: number; collaborative: number; cooperative: number };
    const counts = (c: Counts) => [c.informative, c.collaborative, c.cooperative].join(' ');
    expect(
      await result
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.getAttribute('data-period'),
            tr.getAttribute('data-default'),
            tr.getAttribute('data-alternative'),
          ]),
        ),
    ).toEqual(
      answer.periods
        .slice(-8)
        .map((p: { period: string; default: Counts; alternative: Counts }) => [
          p.period,
          counts(p.default),
          counts(p.alternative),
        ]),
    );
    const changed = await result
      .locator('.changed-networks li')
      .evaluateAll((lis) =>
        lis.map((li) => [
          li.getAttribute('data-network-id'),
          li.getAttribute('data-default'),
          li.getAttribute('data-alternative'),
        ]),
      );
    expect(changed).toEqual(
      answer.changed.map((c: { networkId: string; defaultLevel: string; alternativeLevel: string }) => [
        c.networkId,
        c.defaultLevel,
        c.alternativeLevel,
      ]),
    );
    expect(changed.map((c) => c[0])).toContain('red-talca');
    await result.getByText(`Redes cuyo nivel actual cambiaría: ${answer.changed.length}`).waitFor();
  });
});
