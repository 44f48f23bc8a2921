import { call, failureOf, offered, request } from '../api';
import { h, replace } from '../dom';
import { Key, t } from '../i18n/i18n';
import { errorText } from '../messages';
import { dateInput, dateLabel, invalidDateMessage, momentChecked, parseMoment } from '../dates';
import { heading, labelled, section, selectOf } from '../ui';

const EXPORTS = [
  { what: 'events', path: '/v1/exports/events.ndjson', label: 'export.events' },
  { what: 'trajectories', path: '/v1/exports/trajectories.csv', label: 'export.trajectories' },
  { what: 'indicators', path: '/v1/exports/indicators.csv', label: 'export.indicators' },
] as const;

/**
 * Exportar (SPEC 5.5). Downloads go through fetch with the token (a plain
 * link cannot carry it) and are saved from a blob; an export the server does
 * not offer is not shown.
 */
export async function renderExport(main: HTMLElement): Promise<void> {
  const available = (await Promise.all(EXPORTS.map(async (e) => ((await offered(e.path)) ? e : undefined)))).filter(
    (e): e is (typeof EXPORTS)[number] => e !== undefined,
  );
  if (!available.length) {
    replace(
      main,
      heading(t('export.title')),
      h('p', { class: 'notice', 'data-testid': 'exports-unavailable' }, t('export.unavailable')),
    );
    return;
  }
  const networks = await call<Array<{ networkId: string; name: string }>>('/v1/networks');
  const period = selectOf(
    (['quarter', 'half', 'year'] as const).map((p): [string, string] => [p, t(`period.${p}` as Key)]),
    { name: 'period' },
  );
  const asOf = dateInput('asOf', 'moment');
  const network = selectOf(
    [['', t('overview.filter.all')], ...networks.map((n): [string, string] => [n.networkId, n.name])],
    { name: 'networkId' },
  );
  const bom = h('input', { type: 'checkbox', name: 'bom', id: 'export-bom' });
  const status = h('p', { role: 'status', class: 'form-status' });

  const download = async (e: (typeof EXPORTS)[number]) => {
    const at = parseMoment(asOf.value);
    if (!momentChecked(asOf, at)) {
      status.textContent = invalidDateMessage('moment');
      return;
    }
    const params = new URLSearchParams();
    if (e.what === 'events') {
      if (network.value) params.set('networkId', network.value);
    } else {
      params.set('period', period.value);
      if (bom.checked) params.set('bom', 'true');
    }
    if (at) params.set('asOf', at);
    status.textContent = t('export.downloading');
    try {
      const response = await request(`${e.path}?${params}`);
      if (!response.ok) throw await failureOf(response);
      const file =
        /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? e.path.split('/').pop()!;
      const url = URL.createObjectURL(await response.blob());
      const link = h('a', { href: url, download: file });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.textContent = t('export.done', { file });
    } catch (err) {
      status.textContent = errorText(err);
    }
  };

  replace(
    main,
    heading(t('export.title')),
    h('p', null, t('export.intro')),
    h(
      'form',
      { class: 'filters', onsubmit: (e: Event) => e.preventDefault() },
      labelled(t('export.period'), period),
      labelled(dateLabel(t('export.asOf'), 'moment'), asOf, 'asOf'),
      labelled(t('export.network'), network),
      h('div', { class: 'field' }, h('label', { for: 'export-bom', class: 'check' }, bom, ' ', t('export.bom'))),
    ),
    section(
      t('export.title'),
      h(
        'ul',
        { class: 'downloads' },
        available.map((e) =>
          h(
            'li',
            null,
            h(
              'button',
              { type: 'button', 'data-export': e.what, onclick: () => void download(e) },
              t('export.download', { what: t(e.label as Key) }),
            ),
          ),
        ),
      ),
      status,
    ),
  );
}
