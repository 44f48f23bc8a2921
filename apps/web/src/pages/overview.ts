import { call, offered } from '../api';
import { chart } from '../charts/chart';
import { h, replace } from '../dom';
import { compareText, fmtDate, fmtDateTime, fmtNum, fmtPeriod, Key, t, tv } from '../i18n/i18n';
import { LEVEL_STYLE, LEVELS, levelBadge, levelLegend, levelName } from '../levels';
import { href } from '../nav';
import { currentUser } from '../session';
import { labelled, section, selectOf } from '../ui';
import { sensitivitySection } from './sensitivity';

interface OverviewRow {
  networkId: string;
  name: string;
  region: string;
  schools: number;
  composition: { byZone: Record<string, number>; byDependency: Record<string, number> };
  version: number;
  period: string | null;
  level: string | null;
  cooperationIndex: number | null;
  lastSessionDate: string | null;
  projectedAt: string;
  lag: number | null;
}
interface Cohorts {
  groups: Array<{
    group: string;
    periods: Array<{
      period: string;
      networks: number;
      levels: Record<string, number>;
      medianCooperationIndex: number | null;
    }>;
  }>;
}
interface Projection {
  name: string;
  lag: number;
}

const PAGE_ROWS = 100;
const filters = { region: '', dependency: '', zone: '', level: '', period: 'quarter' };

/** Resumen: every network with its level and index, filters, and the share of networks at each level. */
export async function renderOverview(main: HTMLElement): Promise<void> {
  const me = currentUser()!;
  const [overview, projections] = await Promise.all([
    call<{ networks: OverviewRow[] }>(`/v1/overview?period=${filters.period}`),
    me.role === 'network' ? Promise.resolve(undefined) : call<Projection[]>('/v1/projections').catch(() => undefined),
  ]);
  const rows = overview.networks.sort((a, b) => compareText(a.name, b.name));
  const regions = [...new Set(rows.map((r) => r.region))].sort(compareText);
  const all: [string, string] = ['', t('overview.filter.all')];
  const control = (key: keyof typeof filters, label: string, options: Array<[string, string]>, reload = false) =>
    labelled(
      label,
      selectOf(
        options,
        {
          name: key,
          onchange: (e: Event) => {
            filters[key] = (e.target as HTMLSelectElement).value;
            if (reload) void renderOverview(main);
            else draw();
          },
        },
        filters[key],
      ),
    );
  const lag = projections?.reduce((sum, p) => sum + p.lag, 0);
  const tableHost = h('div', { class: 'table-wrap' });
  const count = h('p', { class: 'count', 'aria-live': 'polite' });
  const distribution = h('div', { class: 'chart small', role: 'img' });

  replace(
    main,
    h('h1', null, t('overview.title')),
    lag === undefined
      ? null
      : h(
          'p',
          { class: `freshness ${lag ? 'behind' : 'fresh'}`, 'data-lag': lag },
          t('overview.freshness', { state: lag ? t('overview.behind', { lag: fmtNum(lag) }) : t('overview.fresh') }),
        ),
    h(
      'form',
      { class: 'filters', onsubmit: (e: Event) => e.preventDefault() },
      control('region', t('overview.filter.region'), [all, ...regions.map((r): [string, string] => [r, r])]),
      control('dependency', t('overview.filter.dependency'), [
        all,
        ...['municipal', 'slep', 'subsidized_private', 'other'].map((d): [string, string] => [d, tv('dependency', d)]),
      ]),
      control('zone', t('overview.filter.zone'), [all, ['urban', t('zone.urban')], ['rural', t('zone.rural')]]),
      control('level', t('overview.filter.level'), [
        all,
        ...LEVELS.map((l): [string, string] => [l, levelName(l)]),
        ['none', t('level.none')],
      ]),
      control(
        'period',
        t('overview.filter.period'),
        (['quarter', 'half', 'year'] as const).map((p): [string, string] => [p, t(`period.${p}` as Key)]),
        true,
      ),
    ),
    count,
    levelLegend(),
    tableHost,
    section(t('overview.distribution'), distribution),
  );

  // A page of rows at a time: laying out 500 rows before the first paint is most of the page's cost.
  function drawTable(shown: OverviewRow[], limit: number): void {
    if (!shown.length) return replace(tableHost, h('p', null, t('overview.empty')));
    const rest = shown.length - limit;
    replace(
      tableHost,
      table(shown.slice(0, limit)),
      rest > 0
        ? h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'data-action': 'more-rows',
              onclick: () => drawTable(shown, limit + PAGE_ROWS),
            },
            t('overview.more', { n: fmtNum(Math.min(rest, PAGE_ROWS)), rest: fmtNum(rest) }),
          )
        : null,
    );
  }

  function draw(): void {
    const shown = rows.filter(
      (r) =>
        (!filters.region || r.region === filters.region) &&
        (!filters.dependency || (r.composition.byDependency[filters.dependency] ?? 0) > 0) &&
        (!filters.zone || (r.composition.byZone[filters.zone] ?? 0) > 0) &&
        (!filters.level || (r.level ?? 'none') === filters.level),
    );
    count.textContent = t('overview.count', { shown: shown.length, total: rows.length });
    drawTable(shown, PAGE_ROWS);
    const counts = LEVELS.map((l) => shown.filter((r) => r.level === l).length);
    distribution.setAttribute(
      'aria-label',
      `${t('overview.distribution')}: ${LEVELS.map((l, i) => `${levelName(l)} ${counts[i]}`).join(', ')}`,
    );
    void chart(distribution, {
      grid: { left: 110, right: 20, top: 10, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: LEVELS.map(levelName) },
      series: [
        {
          type: 'bar',
          data: counts.map((value, i) => ({ value, itemStyle: { color: LEVEL_STYLE[LEVELS[i]].color } })),
          label: { show: true, position: 'right' },
        },
      ],
    });
  }
  draw();
  // Cohorts compare networks: SPEC 5 gives them to admins and analysts only.
  if (me.role !== 'network' && (await offered('/v1/overview/cohorts'))) await drawCohorts(main);
  else main.append(section(t('overview.overTime'), h('p', { class: 'muted' }, t('overview.overTimeMissing'))));
  if (me.role !== 'network' && (await offered('/v1/overview/sensitivity')))
    main.append(sensitivitySection(filters.period, new Map(rows.map((r) => [r.networkId, r.name]))));
}

function table(rows: OverviewRow[]): HTMLElement {
  const col = (key: Key, numeric = false) => h('th', { scope: 'col', class: numeric ? 'num' : undefined }, t(key));
  return h(
    'table',
    { class: 'networks' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        col('overview.col.network'),
        col('overview.col.region'),
        col('overview.col.schools', true),
        col('overview.col.level'),
        col('overview.col.index', true),
        col('overview.col.period'),
        col('overview.col.lastSession'),
        col('overview.col.freshness'),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          { 'data-network-id': r.networkId, 'data-level': r.level ?? '' },
          h('th', { scope: 'row' }, h('a', { href: href('network', r.networkId) }, r.name)),
          h('td', null, r.region),
          h('td', { class: 'num' }, fmtNum(r.schools)),
          h('td', null, levelBadge(r.level)),
          h('td', { class: 'num' }, fmtNum(r.cooperationIndex)),
          h('td', { class: 'nowrap' }, fmtPeriod(r.period)),
          h('td', { class: 'nowrap', 'data-last-session': r.lastSessionDate ?? '' }, fmtDate(r.lastSessionDate)),
          freshness(r),
        ),
      ),
    ),
  );
}

/** How fresh a network's line is: events its row does not reflect yet, the version it reflects and when it was written. */
function freshness(r: OverviewRow): HTMLElement {
  const state =
    r.lag === null
      ? t('overview.lagUnknown')
      : r.lag === 0
        ? t('overview.fresh')
        : r.lag === 1
          ? t('overview.behindOne')
          : t('overview.behind', { lag: fmtNum(r.lag) });
  return h(
    'td',
    {
      class: `freshness-cell ${r.lag ? 'behind' : 'fresh'}`,
      'data-lag': r.lag ?? '',
      'data-projected-at': r.projectedAt,
    },
    state,
    h('br'),
    h(
      'small',
      { class: 'muted' },
      t('overview.projectedAt', { version: fmtNum(r.version), date: fmtDateTime(r.projectedAt) }),
    ),
  );
}

/** SPEC 5.4 cohorts: summed over zone groups they give every network's level per year. */
async function drawCohorts(main: HTMLElement): Promise<void> {
  const byZone = await call<Cohorts | undefined>('/v1/overview/cohorts?by=zone&period=year', { optional: true });
  if (!byZone) return;
  const periods = [...new Set(byZone.groups.flatMap((g) => g.periods.map((p) => p.period)))].sort();
  const share = LEVELS.map((level) =>
    periods.map((period) => {
      let total = 0;
      let at = 0;
      for (const g of byZone.groups)
        for (const p of g.periods)
          if (p.period === period) {
            total += p.networks;
            at += p.levels[level] ?? 0;
          }
      return total ? at / total : 0;
    }),
  );
  // The charts' data as attributes too (the tests compare them with GET /v1/overview/cohorts).
  const overTime = h('div', {
    class: 'chart',
    role: 'img',
    'aria-label': t('overview.overTime'),
    'data-testid': 'levels-over-time',
    'data-periods': periods.join(' '),
    'data-shares': JSON.stringify(Object.fromEntries(LEVELS.map((level, i) => [level, share[i]]))),
  });
  const by = h('div', {
    class: 'chart',
    role: 'img',
    'aria-label': t('overview.cohorts', { by: t('overview.cohortBy.zone') }),
    'data-testid': 'cohorts',
    'data-groups': byZone.groups.map((g) => g.group).join(' '),
  });
  main.append(
    section(t('overview.overTime'), overTime),
    section(t('overview.cohorts', { by: t('overview.cohortBy.zone') }), by),
  );
  void chart(overTime, {
    // Patterns tell the stacked levels apart without colour; ECharts' own English description is off
    // (the container carries a label in the reader's language).
    aria: { enabled: true, decal: { show: true }, label: { enabled: false } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtNum(v * 100, 0) + ' %' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: periods.map(fmtPeriod) },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => fmtNum(v * 100, 0) + ' %' } },
    series: LEVELS.map((level, i) => ({
      name: levelName(level),
      type: 'bar',
      stack: 'share',
      data: share[i],
      itemStyle: { color: LEVEL_STYLE[level].color },
    })),
  });
  void chart(by, {
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: periods.map(fmtPeriod) },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => fmtNum(v) } },
    // Decimal comma in Spanish in the tooltip too.
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => fmtNum(v) },
    series: byZone.groups.map((g) => ({
      name: tv('zone', g.group),
      type: 'line',
      connectNulls: true,
      data: periods.map((p) => g.periods.find((x) => x.period === p)?.medianCooperationIndex ?? null),
    })),
  });
}
