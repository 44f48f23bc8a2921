import { call } from '../api';
import { h, replace } from '../dom';
import { fmtDateTime, fmtNum, Key, t, tv } from '../i18n/i18n';
import { errorText } from '../messages';
import { currentUser } from '../session';
import { heading, labelled, section, selectOf, tableHead } from '../ui';
import { accessLog } from './access-log';

interface Projection {
  name: string;
  status: 'live' | 'rebuilding';
  generation: number;
  checkpoint: number;
  lag: number;
  parked: Array<{ networkId: string; version: number; error: string; parkedAt: string }>;
  rebuild?: { state: string; jobId: string; processed: number; total: number; progress: number };
}

/** Operación: projections with status, lag and parked networks, rebuilds with live progress, and (admin) tokens and the access log. */
export async function renderOperations(main: HTMLElement): Promise<void> {
  const table = h('div', { class: 'table-wrap', 'data-testid': 'projections' });
  const message = h('p', { role: 'status', class: 'form-status' });
  const admin = currentUser()?.role === 'admin';
  const tokenList = admin ? tokens() : undefined;
  replace(
    main,
    heading(t('ops.title')),
    section(t('ops.projections'), table, message),
    tokenList?.el,
    admin ? accessLog() : null,
  );
  await tokenList?.loaded;

  // Polled while the page is shown: every 300 ms during a rebuild (a live bar), every 5 s otherwise.
  const poll = async () => {
    if (!table.isConnected) return;
    try {
      const projections = await call<Projection[]>('/v1/projections');
      if (!table.isConnected) return;
      drawProjections(table, projections, message, poll);
      setTimeout(poll, projections.some((p) => p.status === 'rebuilding') ? 300 : 5000);
    } catch (err) {
      message.textContent = errorText(err);
      setTimeout(poll, 5000);
    }
  };
  await poll();
}

function drawProjections(
  host: HTMLElement,
  projections: Projection[],
  message: HTMLElement,
  poll: () => Promise<void>,
): void {
  const act = async (method: 'POST' | 'DELETE', name: string) => {
    try {
      await call(`/v1/projections/${encodeURIComponent(name)}/rebuild`, { method });
      message.textContent = '';
    } catch (err) {
      message.textContent = errorText(err);
    }
    await poll();
  };
  const cols: Key[] = ['ops.name', 'ops.status', 'ops.generation', 'ops.checkpoint', 'ops.lag', 'ops.parked'];
  replace(
    host,
    h(
      'table',
      null,
      tableHead(cols, t('ops.rebuild', { name: '' })),
      h(
        'tbody',
        null,
        projections.map((p) =>
          h(
            'tr',
            { 'data-projection': p.name, 'data-status': p.status },
            h('th', { scope: 'row' }, p.name),
            h('td', null, tv('ops.status', p.status)),
            h('td', { class: 'num' }, fmtNum(p.generation)),
            h('td', { class: 'num' }, fmtNum(p.checkpoint)),
            h('td', { class: 'num', 'data-lag': p.lag }, fmtNum(p.lag)),
            h(
              'td',
              null,
              p.parked.length
                ? h(
                    'ul',
                    null,
                    p.parked.map((x) => h('li', null, `${x.networkId} (v${x.version}, ${fmtDateTime(x.parkedAt)})`)),
                  )
                : t('ops.none'),
            ),
            h(
              'td',
              null,
              p.status === 'rebuilding'
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      'data-cancel': p.name,
                      onclick: () => void act('DELETE', p.name),
                    },
                    t('ops.cancel', { name: p.name }),
                  )
                : h(
                    'button',
                    { type: 'button', 'data-rebuild': p.name, onclick: () => void act('POST', p.name) },
                    t('ops.rebuild', { name: p.name }),
                  ),
            ),
          ),
        ),
      ),
    ),
    projections
      .filter((p) => p.rebuild)
      .map((p) => {
        const r = p.rebuild!;
        const label = t('ops.progress', {
          name: p.name,
          state: tv('ops.rebuildState', r.state),
          processed: fmtNum(r.processed),
          total: fmtNum(r.total),
        });
        return h(
          'div',
          { class: 'progress', 'data-rebuild-of': p.name, 'data-state': r.state },
          h('label', { for: `progress-${p.name}` }, label),
          h('progress', {
            id: `progress-${p.name}`,
            max: 1,
            value: r.progress,
            'aria-valuetext': `${fmtNum(r.progress * 100, 0)} %`,
          }),
        );
      }),
  );
}

interface TokenRow {
  id: string;
  role: string;
  networkId: string | null;
  label: string | null;
  createdAt: string;
  revoked: boolean;
  revokedAt: string | null;
}

/** Tokens (admin): every issued one from GET /v1/tokens with a revoke button each; a new one's secret shown once. */
function tokens(): { el: HTMLElement; loaded: Promise<void> } {
  const role = selectOf(
    ['analyst', 'network', 'admin'].map((r): [string, string] => [r, t(`ops.role.${r}` as Key)]),
    { name: 'role' },
  );
  const networkId = h('input', { type: 'text', name: 'networkId' });
  const label = h('input', { type: 'text', name: 'label' });
  const secret = h('div', { 'aria-live': 'polite' });
  const list = h('div', { class: 'table-wrap', 'data-testid': 'tokens' });
  const status = h('p', { role: 'status', class: 'form-status' });

  const load = async () => {
    try {
      drawList(await call<TokenRow[]>('/v1/tokens'));
    } catch (err) {
      status.textContent = errorText(err);
    }
  };
  const revoke = async (id: string) => {
    try {
      await call(`/v1/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
      status.textContent = t('ops.revoked', { id });
    } catch (err) {
      status.textContent = errorText(err);
    }
    await load();
  };
  const cols: Key[] = [
    'ops.tokens.id',
    'ops.tokens.role',
    'ops.tokens.network',
    'ops.tokens.label',
    'ops.tokens.created',
    'ops.tokens.state',
  ];
  const drawList = (rows: TokenRow[]) =>
    replace(
      list,
      rows.length
        ? h(
            'table',
            null,
            tableHead(cols, t('ops.revoke', { id: '' })),
            h(
              'tbody',
              null,
              rows.map((x) =>
                h(
                  'tr',
                  { 'data-token-id': x.id, 'data-revoked': String(x.revoked) },
                  h('th', { scope: 'row' }, h('code', null, x.id)),
                  h('td', null, tv('ops.role', x.role)),
                  h('td', { class: 'nowrap' }, x.networkId ?? '—'),
                  h('td', null, x.label ?? '—'),
                  h('td', { class: 'nowrap' }, fmtDateTime(x.createdAt)),
                  h(
                    'td',
                    null,
                    x.revoked ? t('ops.tokens.revokedOn', { date: fmtDateTime(x.revokedAt) }) : t('ops.tokens.live'),
                  ),
                  h(
                    'td',
                    null,
                    x.revoked
                      ? null
                      : h(
                          'button',
                          {
                            type: 'button',
                            class: 'secondary',
                            'data-revoke': x.id,
                            // Seen as "Revocar"; heard with the token's id.
                            'aria-label': t('ops.revoke', { id: x.id }),
                            onclick: () => void revoke(x.id),
                          },
                          t('ops.revokeShort'),
                        ),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('ops.tokens.none')),
    );
  const loaded = load();

  const el = section(
    t('ops.tokens'),
    h(
      'form',
      {
        class: 'filters',
        'data-form': 'issue-token',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            const body = {
              role: role.value,
              ...(role.value === 'network' ? { networkId: networkId.value.trim() } : {}),
              ...(label.value.trim() ? { label: label.value.trim() } : {}),
            };
            const answer = await call<{ id: string; token: string; role: string; networkId: string | null }>(
              '/v1/tokens',
              { method: 'POST', body },
            );
            await load();
            // The secret is shown once, here; it is kept nowhere else.
            const code = h('code', { 'data-testid': 'token-secret' }, answer.token);
            const copied = h('span', { role: 'status' });
            replace(
              secret,
              h(
                'div',
                { class: 'secret' },
                h('p', null, t('ops.secretOnce')),
                code,
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    onclick: async () => {
                      await navigator.clipboard?.writeText(answer.token).catch(() => undefined);
                      copied.textContent = t('ops.copied');
                    },
                  },
                  t('ops.copy'),
                ),
                copied,
              ),
            );
            status.textContent = '';
          } catch (err) {
            status.textContent = errorText(err);
          }
        },
      },
      labelled(t('ops.role'), role),
      labelled(t('ops.network'), networkId),
      labelled(t('ops.label'), label),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('ops.issue'))),
    ),
    secret,
    h('h3', null, t('ops.issued')),
    list,
    status,
  );
  return { el, loaded };
}
