import { call, offered } from '../api';
import { chart } from '../charts/chart';
import { h, replace } from '../dom';
import { fmtNum, fmtPeriod, Key, t, tv } from '../i18n/i18n';
import { levelLegend } from '../levels';
import { currentUser } from '../session';
import { heading, labelled, networkPicker, pickNetwork, section, selectOf } from '../ui';
import type { Trajectory } from './explain';
import { allEvents, DEPTH_LEVELS, depthBySchool, NetworkState, StoredEvent } from './network-data';
import { cyclesView } from './cycles-view';
import { Indicators, Signals, trajectoryView } from './trajectory-view';

let period: 'quarter' | 'half' | 'year' = 'quarter';

/** Red: one network's trajectory, depth and leadership, heatmap of depth by school, cycles, and analyses when offered. */
export async function renderNetwork(main: HTMLElement, arg?: string): Promise<void> {
  const networkId = pickNetwork(arg, currentUser()?.networkId);
  if (!networkId) return networkPicker(main, 'network', t('nav.network'));
  const base = `/v1/networks/${encodeURIComponent(networkId)}`;
  // The stream (for the heatmap) loads alongside the views, not after them.
  const eventsLoaded = allEvents(networkId);
  eventsLoaded.catch(() => undefined);
  const [state, trajectory, indicators, signals] = await Promise.all([
    call<NetworkState>(base),
    call<Trajectory>(`${base}/trajectory?period=${period}`),
    call<Indicators>(`${base}/indicators?period=${period}`),
    offered('/v1/networks/{networkId}/signals').then((yes) =>
      yes
        ? call<Signals>(`${base}/signals?period=${period}&measure=cooperationIndex`, { optional: true }).catch(
            () => undefined,
          )
        : undefined,
    ),
  ]);
  const heatmapHost = h('div', { class: 'heatmap-host' }, h('p', { class: 'loading' }, t('app.loading')));
  replace(
    main,
    heading(t('network.title', { name: state.name })),
    h(
      'p',
      { class: 'facts-line', 'data-network-id': state.networkId, 'data-version': state.version },
      t('network.facts', {
        region: state.region,
        schools: fmtNum(state.schools.length),
        sessions: fmtNum(state.sessions),
        version: fmtNum(state.version),
      }),
    ),
    h(
      'form',
      { class: 'filters', onsubmit: (e: Event) => e.preventDefault() },
      labelled(
        t('overview.filter.period'),
        selectOf(
          (['quarter', 'half', 'year'] as const).map((p): [string, string] => [p, t(`period.${p}` as Key)]),
          {
            name: 'period',
            onchange: (e: Event) => {
              period = (e.target as HTMLSelectElement).value as typeof period;
              void renderNetwork(main, networkId);
            },
          },
          period,
        ),
      ),
    ),
    levelLegend(),
    section(t('network.trajectory'), trajectoryView(trajectory, indicators, signals)),
    signals ? section(t('network.signals'), signalList(signals)) : null,
    section(t('network.heatmap'), heatmapHost),
    section(t('network.cycles'), cyclesView(base, state)),
  );
  const events = await eventsLoaded;
  heatmap(
    heatmapHost,
    state,
    events,
    trajectory.periods.map((p) => p.period),
  );
  if (await offered('/v1/networks/{networkId}/collaboration')) await collaboration(main, base);
}

function signalList(signals: Signals): HTMLElement {
  // What the API gave, as data attributes: the tests compare them with GET …/signals.
  const data = { 'data-testid': 'signals', 'data-count': signals.signals.length, 'data-median': signals.median ?? '' };
  if (signals.insufficientData)
    return h('p', { ...data, class: 'muted', 'data-insufficient': 'true' }, t('network.signalsInsufficient'));
  if (!signals.signals.length) return h('p', data, t('network.signalsNone', { median: fmtNum(signals.median) }));
  return h(
    'ul',
    data,
    signals.signals.map((s) =>
      h(
        'li',
        { 'data-rule': s.rule, 'data-direction': s.direction },
        t('signal.item', {
          rule: tv('signal', s.rule),
          direction: tv('signal', s.direction),
          from: fmtPeriod(s.fromPeriod),
          to: fmtPeriod(s.toPeriod),
          points: s.points,
        }),
      ),
    ),
  );
}

function heatmap(host: HTMLElement, state: NetworkState, events: StoredEvent[], periods: string[]): void {
  const depth = depthBySchool(events, period);
  if (!depth.size) return replace(host, h('p', { class: 'muted' }, t('network.heatmapEmpty')));
  const names = new Map(state.schools.map((s) => [s.schoolId, s.name]));
  const schools = [...new Set([...state.schools.map((s) => s.schoolId), ...depth.keys()])];
  const data: Array<[number, number, number]> = [];
  schools.forEach((school, y) => periods.forEach((p, x) => data.push([x, y, depth.get(school)?.get(p) ?? -1])));
  const el = h('div', {
    class: 'chart',
    role: 'img',
    'aria-label': t('network.heatmap'),
    style: `height:${Math.max(200, 60 + schools.length * 22)}px`,
  });
  replace(host, el);
  // Sequential greys-to-dark-blue: the depth order reads in grayscale too.
  const colours = ['#f2f2f2', '#c6dbef', '#9ecae1', '#4292c6', '#2171b5', '#08306b'];
  void chart(el, {
    grid: { left: 8, right: 16, top: 10, bottom: 56, containLabel: true },
    tooltip: {
      formatter: (p: { value: [number, number, number] }) =>
        `${names.get(schools[p.value[1]]) ?? schools[p.value[1]]} · ${fmtPeriod(periods[p.value[0]])}: ${depthName(p.value[2])}`,
    },
    xAxis: { type: 'category', data: periods.map(fmtPeriod), splitArea: { show: true } },
    yAxis: { type: 'category', data: schools.map((s) => names.get(s) ?? s) },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: [-1, 0, 1, 2, 3, 4].map((value, i) => ({ value, label: depthName(value), color: colours[i] })),
    },
    series: [{ type: 'heatmap', data, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
  });
}

const depthName = (value: number): string =>
  value < 0 ? t('depthLevel.none') : t(`depthLevel.${DEPTH_LEVELS[value]}` as Key);

interface Collaboration {
  nodes: Array<{ schoolId: string; name: string; jointActions: number; member: boolean }>;
  edges: Array<{ a: string; b: string; jointActions: number }>;
  metrics: { density: number | null; components: number; isolated: string[] };
}

async function collaboration(main: HTMLElement, base: string): Promise<void> {
  const graph = await call<Collaboration | undefined>(`${base}/collaboration`, { optional: true }).catch(
    () => undefined,
  );
  if (!graph) return;
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': t('network.collaboration') });
  main.append(
    section(
      t('network.collaboration'),
      h(
        'p',
        {
          'data-testid': 'collaboration-metrics',
          'data-nodes': graph.nodes.length,
          'data-edges': graph.edges.length,
          'data-density': graph.metrics.density ?? '',
          'data-components': graph.metrics.components,
          'data-isolated': graph.metrics.isolated.join(' '),
        },
        t('network.collaborationMetrics', {
          density: fmtNum(graph.metrics.density),
          components: fmtNum(graph.metrics.components),
          isolated: graph.metrics.isolated.length ? graph.metrics.isolated.join(', ') : '—',
        }),
      ),
      el,
    ),
  );
  void chart(el, {
    tooltip: {},
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        force: { repulsion: 180, edgeLength: 90 },
        label: { show: true, position: 'right' },
        data: graph.nodes.map((n) => ({
          id: n.schoolId,
          name: n.name,
          symbolSize: 10 + Math.min(30, n.jointActions * 3),
          symbol: n.member ? 'circle' : 'emptyCircle',
          itemStyle: { color: '#1a7370' },
        })),
        links: graph.edges.map((e) => ({
          source: e.a,
          target: e.b,
          value: e.jointActions,
          lineStyle: { width: Math.min(8, e.jointActions) },
        })),
      },
    ],
  });
}
