import { chart } from '../charts/chart';
import { h, replace } from '../dom';
import { fmtNum, fmtPeriod, Key, t } from '../i18n/i18n';
import { Level, LEVEL_STYLE, levelBadge, levelName } from '../levels';
import { section } from '../ui';
import { conditionValue, explain, Trajectory, TrajectoryPeriod } from './explain';

export interface Indicators {
  periods: Array<{ period: string; depth: Record<string, number | null>; leadership: Record<string, number | null> }>;
}
export interface Signals {
  median: number | null;
  insufficientData: boolean;
  signals: Array<{ rule: string; direction: string; fromPeriod: string; toPeriod: string; points: number }>;
}

const DEPTH = [
  'schoolReach',
  'depthIndex',
  'classroomPracticeReach',
  'tieDensity',
  'classroomsReached',
  'teachersInvolved',
  'cyclesOpened',
  'jointActions',
  'analysesRecorded',
  'cycleCompletionRate',
  'classroomEvidenceRate',
  'innovationCycleShare',
];
const LEADERSHIP = ['sessions', 'sostenedorPresence', 'schoolAttendance', 'memberLedShare', 'trainingMinutes'];

/**
 * The trajectory: a step line of the cooperation index over bands tinted by
 * the level each period reached, level changes marked; a keyboard-reachable
 * list of the periods; and the chosen period's explanation, conditions,
 * depth and leadership. Used by Red and by Historia's replay.
 */
export function trajectoryView(
  trajectory: Trajectory,
  indicators: Indicators | undefined,
  signals?: Signals,
): HTMLElement {
  const periods = trajectory.periods;
  const chartEl = h('div', { class: 'chart', role: 'img', 'aria-label': summary(trajectory) });
  const detail = h('div', { class: 'period-detail', 'aria-live': 'polite', 'data-testid': 'period-detail' });
  const buttons: HTMLButtonElement[] = [];
  let selected = lastWithLevel(periods);

  const select = (index: number, focus = false) => {
    selected = index;
    buttons.forEach((b, i) => {
      b.setAttribute('aria-pressed', String(i === index));
      b.tabIndex = i === index ? 0 : -1;
    });
    if (focus) buttons[index]?.focus();
    replace(
      detail,
      periodDetail(
        periods[index],
        indicators?.periods.find((p) => p.period === periods[index]?.period),
      ),
    );
  };

  const list = h(
    'ol',
    { class: 'periods', 'aria-label': t('network.periods'), 'data-testid': 'trajectory-periods' },
    periods.map((p, i) => {
      const button = h(
        'button',
        {
          type: 'button',
          'data-period': p.period,
          'data-level': p.level ?? '',
          'data-index': p.cooperationIndex ?? '',
          'aria-label': `${fmtPeriod(p.period)}: ${levelName(p.level)}`,
          onfocus: () => select(i),
          onmouseenter: () => select(i),
          onclick: () => select(i),
          onkeydown: (e: KeyboardEvent) => {
            const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
            if (e.key === 'Home') select(0, true);
            else if (e.key === 'End') select(periods.length - 1, true);
            else if (step) select(Math.min(periods.length - 1, Math.max(0, i + step)), true);
            else return;
            e.preventDefault();
          },
        },
        h(
          'span',
          { class: `mark level-${p.level ?? 'none'}`, 'aria-hidden': 'true' },
          p.level ? LEVEL_STYLE[p.level as Level].mark : '○',
        ),
        fmtPeriod(p.period),
      );
      buttons.push(button);
      return h('li', null, button);
    }),
  );

  const root = h(
    'div',
    {
      class: 'trajectory',
      'data-first-collaborative': trajectory.firstCollaborative ?? '',
      'data-first-cooperative': trajectory.firstCooperative ?? '',
    },
    h('p', { class: 'muted' }, t('network.trajectoryHelp')),
    h(
      'p',
      { class: 'firsts' },
      t('network.firstCollaborative', {
        period: trajectory.firstCollaborative ? fmtPeriod(trajectory.firstCollaborative) : t('network.never'),
      }),
      ' · ',
      t('network.firstCooperative', {
        period: trajectory.firstCooperative ? fmtPeriod(trajectory.firstCooperative) : t('network.never'),
      }),
    ),
    chartEl,
    list,
    detail,
  );
  select(selected);
  // Drawn once the element is in the document (ECharts needs its size).
  queueMicrotask(async () => {
    const instance = await chart(chartEl, trajectoryOption(periods, signals));
    if (!instance) return;
    instance.on('mouseover', (e: { dataIndex?: number }) => e.dataIndex !== undefined && select(e.dataIndex));
    instance.getZr().on('mousemove', (e: { offsetX: number; offsetY: number }) => {
      const [x] = instance.convertFromPixel({ seriesIndex: 0 }, [e.offsetX, e.offsetY]) as number[];
      if (Number.isFinite(x) && x >= 0 && x < periods.length && Math.round(x) !== selected) select(Math.round(x));
    });
  });
  return root;
}

function lastWithLevel(periods: TrajectoryPeriod[]): number {
  for (let i = periods.length - 1; i >= 0; i--) if (periods[i].level) return i;
  return Math.max(0, periods.length - 1);
}

function summary(trajectory: Trajectory): string {
  const last = trajectory.periods[lastWithLevel(trajectory.periods)];
  return `${t('network.trajectory')}: ${trajectory.periods.length} · ${last ? `${fmtPeriod(last.period)} ${levelName(last.level)}` : ''}`;
}

function trajectoryOption(periods: TrajectoryPeriod[], signals?: Signals): Record<string, unknown> {
  const bands: unknown[] = [];
  const changes: unknown[] = [];
  let previous: string | null = null;
  periods.forEach((p, i) => {
    if (p.level) {
      const last = bands[bands.length - 1] as [{ xAxis: number; level: string }, { xAxis: number }] | undefined;
      if (last && last[0].level === p.level && last[1].xAxis === i - 1) last[1].xAxis = i;
      else
        bands.push([
          { xAxis: i, level: p.level, itemStyle: { color: LEVEL_STYLE[p.level as Level].band } },
          { xAxis: i },
        ]);
      if (previous && previous !== p.level) changes.push({ xAxis: i, label: { formatter: '→ ' + levelName(p.level) } });
      previous = p.level;
    }
  });
  const categories = periods.map((p) => fmtPeriod(p.period));
  return {
    grid: { left: 48, right: 24, top: 36, bottom: 48 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (items: Array<{ dataIndex: number }>) => {
        const p = periods[items[0]?.dataIndex ?? 0];
        const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
        return `<strong>${escape(fmtPeriod(p.period))}: ${escape(levelName(p.level))}</strong><br>${escape(t('network.index'))}: ${escape(fmtNum(p.cooperationIndex))}<br><span style="white-space:normal">${escape(explain(p))}</span>`;
      },
      extraCssText: 'max-width:22rem',
    },
    xAxis: { type: 'category', data: categories, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 1, name: t('network.index'), nameGap: 14, nameTextStyle: { align: 'left' } },
    series: [
      {
        type: 'line',
        step: 'middle',
        connectNulls: false,
        lineStyle: { color: '#333', width: 2 },
        symbolSize: 11,
        data: periods.map((p) => ({
          value: p.cooperationIndex,
          symbol: p.level ? LEVEL_STYLE[p.level as Level].symbol : 'none',
          itemStyle: {
            color: p.level ? LEVEL_STYLE[p.level as Level].color : '#999',
            borderColor: '#222',
            borderWidth: 1,
          },
        })),
        markArea: {
          silent: true,
          data: bands.map((band) => {
            const [start, end] = band as [{ xAxis: number; level: string; itemStyle: unknown }, { xAxis: number }];
            return [
              {
                xAxis: start.xAxis,
                itemStyle: start.itemStyle,
                name: levelName(start.level),
                label: { show: end.xAxis - start.xAxis >= 2, color: '#333', position: 'insideTop' },
              },
              { xAxis: end.xAxis },
            ];
          }),
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#222' },
          label: { position: 'end', color: '#222' },
          data: [
            ...changes,
            ...(signals?.median !== null && signals?.median !== undefined
              ? [
                  {
                    yAxis: signals.median,
                    label: { formatter: t('network.median'), position: 'insideEndTop' },
                    lineStyle: { type: 'dotted' },
                  },
                ]
              : []),
          ],
        },
      },
    ],
  };
}

function periodDetail(
  p: TrajectoryPeriod | undefined,
  indicators: Indicators['periods'][number] | undefined,
): HTMLElement {
  if (!p) return h('p', null, '—');
  const minutes = p.minutes.informative + p.minutes.collaborative + p.minutes.cooperative;
  return h(
    'div',
    { 'data-period': p.period, 'data-level': p.level ?? '' },
    h(
      'h3',
      null,
      t('network.detail', { period: fmtPeriod(p.period), level: levelName(p.level) }),
      ' ',
      levelBadge(p.level),
    ),
    h('p', { class: 'explanation' }, explain(p)),
    h(
      'p',
      { class: 'muted' },
      t('network.minutes', { minutes: fmtNum(minutes) }),
      ' · ',
      t('network.index'),
      ': ',
      fmtNum(p.cooperationIndex),
    ),
    h(
      'table',
      { class: 'conditions' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ...(['network.condition', 'network.value', 'network.threshold', 'network.met'] as Key[]).map((k) =>
            h('th', { scope: 'col' }, t(k)),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        p.conditions.map((c) =>
          h(
            'tr',
            { 'data-indicator': c.indicator, 'data-met': String(c.met) },
            h('th', { scope: 'row' }, t(`cond.${c.indicator}` as Key)),
            h('td', { class: 'num' }, conditionValue(c, c.value)),
            h('td', { class: 'num' }, '≥ ', conditionValue(c, c.threshold)),
            h(
              'td',
              { class: c.met ? 'met' : 'unmet' },
              h('span', { 'aria-hidden': 'true' }, c.met ? '✔ ' : '✘ '),
              t(c.met ? 'network.yes' : 'network.no'),
            ),
          ),
        ),
      ),
    ),
    indicators
      ? h(
          'div',
          { class: 'panels' },
          section(
            `${t('network.depth')} ${t('network.inPeriod', { period: fmtPeriod(p.period) })}`,
            facts('depth', DEPTH, indicators.depth),
          ),
          section(
            `${t('network.leadership')} ${t('network.inPeriod', { period: fmtPeriod(p.period) })}`,
            facts('leadership', LEADERSHIP, indicators.leadership),
          ),
        )
      : null,
  );
}

function facts(prefix: string, keys: string[], values: Record<string, number | null>): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    keys.map((key) => [
      h('dt', null, t(`${prefix}.${key}` as Key)),
      h('dd', { 'data-indicator': key }, fmtNum(values[key])),
    ]),
  );
}
