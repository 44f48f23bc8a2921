import { call } from '../api';
import { h, replace } from '../dom';
import { fmtDateTime, Key, t, tv } from '../i18n/i18n';
import { errorText } from '../messages';
import { labelled, section, tableHead } from '../ui';

interface AccessRecord {
  id: number;
  at: string;
  tokenId: string;
  role: string;
  networkId: string | null;
  endpoint: string;
  correlationId: string;
}

const PAGE = 50;

/** Operación (admin): the access log of SPEC 6.3, newest first, filtered by network and token, older pages on demand. */
export function accessLog(): HTMLElement {
  const networkId = h('input', { type: 'text', name: 'networkId' });
  const tokenId = h('input', { type: 'text', name: 'tokenId' });
  const table = h('div', { class: 'table-wrap', 'data-testid': 'access-log' });
  const status = h('p', { role: 'status', class: 'form-status' });
  const older = h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'access-log-older' },
    t('audit.older'),
  );
  let rows: AccessRecord[] = [];
  let next: number | null = null;

  const load = async (more: boolean) => {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (networkId.value.trim()) query.set('networkId', networkId.value.trim());
    if (tokenId.value.trim()) query.set('tokenId', tokenId.value.trim());
    if (more && next !== null) query.set('before', String(next));
    try {
      const page = await call<{ records: AccessRecord[]; next: number | null }>(`/v1/audit?${query}`);
      rows = more ? rows.concat(page.records) : page.records;
      next = page.next;
      draw();
      status.textContent = '';
    } catch (err) {
      status.textContent = errorText(err);
    }
  };
  const draw = () => {
    older.hidden = next === null;
    const cols: Key[] = [
      'audit.at',
      'audit.token',
      'audit.role',
      'audit.network',
      'audit.endpoint',
      'audit.correlation',
    ];
    replace(
      table,
      rows.length === 0
        ? h('p', null, t('audit.empty'))
        : h(
            'table',
            null,
            tableHead(cols),
            h(
              'tbody',
              null,
              rows.map((r) =>
                h(
                  'tr',
                  { 'data-access-id': r.id },
                  h('td', null, fmtDateTime(r.at)),
                  h('td', null, r.tokenId),
                  h('td', null, tv('ops.role', r.role)),
                  h('td', null, r.networkId ?? t('audit.allNetworks')),
                  h('td', null, h('code', null, r.endpoint)),
                  h('td', null, h('code', null, r.correlationId)),
                ),
              ),
            ),
          ),
    );
  };
  older.addEventListener('click', () => void load(true));
  void load(false);

  return section(
    t('audit.title'),
    h('p', null, t('audit.intro')),
    h(
      'form',
      {
        class: 'filters',
        'data-form': 'access-log',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void load(false);
        },
      },
      labelled(t('audit.network'), networkId),
      labelled(t('audit.token'), tokenId),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('audit.filter'))),
    ),
    table,
    older,
    status,
  );
}
