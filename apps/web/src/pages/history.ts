import { call } from '../api';
import { disposeCharts } from '../charts/chart';
import { h, replace } from '../dom';
import { fmtDate, fmtDateTime, fmtNum, fmtPeriod, Key, t } from '../i18n/i18n';
import { levelBadge, levelName } from '../levels';
import { errorText } from '../messages';
import { dateInput, dateLabel, momentChecked, parseMoment } from '../dates';
import { currentUser } from '../session';
import { heading, labelled, networkPicker, pickNetwork, section } from '../ui';
import type { Trajectory } from './explain';
import type { NetworkState, StoredEvent } from './network-data';
import { Indicators, trajectoryView } from './trajectory-view';

interface StateAnswer {
  networkId: string;
  version: number;
  state: NetworkState;
  trajectory: Trajectory;
  indicators: Indicators;
}

/** Historia: the event timeline, a replay over versions or an as-of date, and two moments side by side. */
export async function renderHistory(main: HTMLElement, arg?: string): Promise<void> {
  const networkId = pickNetwork(arg, currentUser()?.networkId);
  if (!networkId) return networkPicker(main, 'history', t('nav.history'));
  const base = `/v1/networks/${encodeURIComponent(networkId)}`;
  const current = await call<NetworkState>(base);
  const total = current.version;

  const replay = h('div', { class: 'replay-view', 'aria-live': 'polite' });
  const output = h('output', { 'data-testid': 'replay-version' }, t('history.versionOf', { version: total, total }));
  const slider = h('input', {
    type: 'range',
    min: 1,
    max: total,
    value: total,
    step: 1,
    name: 'version',
    'data-testid': 'replay-slider',
    'aria-valuetext': t('history.versionOf', { version: total, total }),
  });
  let timer: number | undefined;
  slider.addEventListener('input', () => {
    const version = Number(slider.value);
    output.textContent = t('history.versionOf', { version, total });
    slider.setAttribute('aria-valuetext', output.textContent);
    clearTimeout(timer);
    timer = window.setTimeout(() => void show(`version=${version}`), 120);
  });
  const asOf = dateInput('asOf', 'moment');
  let shown = 0;
  async function show(query: string): Promise<void> {
    const ticket = ++shown;
    try {
      const answer = await call<StateAnswer>(`${base}/state?${query}`);
      if (ticket !== shown) return;
      disposeReplayCharts();
      replace(replay, moment(answer));
    } catch (err) {
      if (ticket === shown) replace(replay, h('p', { class: 'error', role: 'alert' }, errorText(err)));
    }
  }

  // Scrollable, so focusable: keyboard users scroll it too.
  const timeline = h('ol', {
    class: 'timeline',
    'data-testid': 'timeline',
    tabindex: 0,
    'aria-label': t('history.timeline'),
  });
  const more = h('button', { type: 'button', class: 'secondary' }, t('history.more'));
  let next: number | null = 1;
  async function loadMore(): Promise<void> {
    if (next === null) return;
    const page: { events: StoredEvent[]; next: number | null } = await call(
      `${base}/events?fromVersion=${next}&limit=100`,
    );
    timeline.append(...page.events.map(eventItem));
    next = page.events.length ? page.next : null;
    more.hidden = next === null;
  }
  more.addEventListener('click', () => void loadMore());

  const versionA = h('input', {
    type: 'number',
    min: 1,
    max: total,
    value: Math.max(1, Math.floor(total / 2)),
    name: 'versionA',
  });
  const versionB = h('input', { type: 'number', min: 1, max: total, value: total, name: 'versionB' });
  const comparison = h('div', { class: 'comparison', 'aria-live': 'polite' });

  replace(
    main,
    heading(t('history.title', { name: current.name })),
    section(
      t('history.replay'),
      h(
        'form',
        { class: 'filters', onsubmit: (e: Event) => e.preventDefault() },
        labelled(t('history.version'), slider),
        output,
      ),
      h(
        'form',
        {
          class: 'filters',
          onsubmit: (e: Event) => {
            e.preventDefault();
            const at = parseMoment(asOf.value);
            if (!momentChecked(asOf, at) || !at) return;
            void show(`asOf=${encodeURIComponent(at)}`);
          },
        },
        labelled(dateLabel(t('history.asOf'), 'moment'), asOf, 'asOf'),
        h('button', { type: 'submit' }, t('history.apply')),
      ),
      replay,
    ),
    section(
      t('history.compare'),
      h(
        'form',
        {
          class: 'filters',
          onsubmit: async (e: Event) => {
            e.preventDefault();
            try {
              const [a, b] = await Promise.all(
                [versionA, versionB].map((input) => call<StateAnswer>(`${base}/state?version=${input.value}`)),
              );
              replace(comparison, compare(a, b));
            } catch (err) {
              replace(comparison, h('p', { class: 'error', role: 'alert' }, errorText(err)));
            }
          },
        },
        labelled(t('history.momentA'), versionA),
        labelled(t('history.momentB'), versionB),
        h('button', { type: 'submit' }, t('history.compare')),
      ),
      comparison,
    ),
    section(t('history.timeline'), timeline, more),
  );
  await Promise.all([show(`version=${total}`), loadMore()]);
}

// The replay's chart is redrawn on every slider step; the page's other charts stay.
function disposeReplayCharts(): void {
  disposeCharts();
}

const latestLevel = (trajectory: Trajectory) => [...trajectory.periods].reverse().find((p) => p.level) ?? null;

function moment(answer: StateAnswer): HTMLElement {
  const latest = latestLevel(answer.trajectory);
  return h(
    'div',
    { 'data-version': answer.version },
    h(
      'p',
      {
        class: 'replay-level',
        'data-testid': 'replay-level',
        'data-level': latest?.level ?? '',
        'data-version': answer.version,
      },
      t('history.levelAt'),
      ': ',
      levelBadge(latest?.level),
      latest ? ` (${fmtPeriod(latest.period)})` : '',
      ' · ',
      `${t('history.schools')} ${fmtNum(answer.state.schools.length)} · ${t('history.sessions')} ${fmtNum(answer.state.sessions)} · ${t('history.cycles')} ${fmtNum(answer.state.cycles.length)}`,
    ),
    trajectoryView(answer.trajectory, answer.indicators),
  );
}

function compare(a: StateAnswer, b: StateAnswer): HTMLElement {
  const column = (label: Key, answer: StateAnswer) => {
    const latest = latestLevel(answer.trajectory);
    return h(
      'div',
      { class: 'card', 'data-version': answer.version, 'data-level': latest?.level ?? '' },
      h('h3', null, `${t(label)}: ${answer.version}`),
      h('p', null, levelBadge(latest?.level), latest ? ` ${fmtPeriod(latest.period)}` : ''),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, t('history.schools')),
        h('dd', null, fmtNum(answer.state.schools.length)),
        h('dt', null, t('history.sessions')),
        h('dd', null, fmtNum(answer.state.sessions)),
        h('dt', null, t('history.cycles')),
        h('dd', null, fmtNum(answer.state.cycles.length)),
      ),
    );
  };
  const before = new Map(a.trajectory.periods.map((p) => [p.period, p.level]));
  const changed = b.trajectory.periods.filter((p) => (before.get(p.period) ?? null) !== p.level);
  return h(
    'div',
    null,
    h('div', { class: 'side-by-side' }, column('history.momentA', a), column('history.momentB', b)),
    h('h3', null, t('history.changes')),
    changed.length
      ? h(
          'ul',
          { 'data-testid': 'changes' },
          changed.map((p) =>
            h(
              'li',
              { 'data-period': p.period },
              t('history.periodChanged', {
                period: fmtPeriod(p.period),
                from: levelName(before.get(p.period)),
                to: levelName(p.level),
              }),
            ),
          ),
        )
      : h('p', null, t('history.noChanges')),
  );
}

function eventItem(e: StoredEvent): HTMLElement {
  const key = `event.${e.type}` as Key;
  const on = Object.entries(e.data).find(([k, v]) => k.endsWith('On') && typeof v === 'string')?.[1] as
    string | undefined;
  return h(
    'li',
    { 'data-version': e.version, 'data-type': e.type },
    h('span', { class: 'version' }, `v${e.version}`),
    ' ',
    h('strong', null, t(key) === key ? t('event.other') : t(key)),
    on ? ` · ${fmtDate(on)}` : '',
    h('span', { class: 'muted' }, ` · ${t('history.recordedAt', { date: fmtDateTime(e.metadata.recordedAt) })}`),
  );
}
