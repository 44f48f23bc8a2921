import { offered, whenUnauthorized } from './api';
import { chartsDrawn, disposeCharts, loadCharts } from './charts/chart';
import { h, replace } from './dom';
import { currentLang, Key, setLang, t } from './i18n/i18n';
import { renderExport } from './pages/export';
import { renderHistory } from './pages/history';
import { renderLogin } from './pages/login';
import { renderNetwork } from './pages/network';
import { renderOperations } from './pages/operations';
import { renderOverview } from './pages/overview';
import { renderRecord } from './pages/record';
import { errorText } from './messages';
import { href, ROUTES } from './nav';
import { currentUser, Page, PAGES_BY_ROLE, resume, signOut } from './session';

/** The workspace: a hash router over page modules that each draw into <main>. */
const RENDER: Record<Page, (main: HTMLElement, arg?: string) => Promise<void> | void> = {
  overview: renderOverview,
  network: renderNetwork,
  history: renderHistory,
  record: renderRecord,
  export: renderExport,
  operations: renderOperations,
};

const main = document.getElementById('main') as HTMLElement;
const top = document.getElementById('top') as HTMLElement;
let renderCount = 0;

async function route(): Promise<void> {
  const count = ++renderCount;
  // `data-page` is set once the page is drawn and its data loaded (tests and the benchmark wait for it).
  main.removeAttribute('data-page');
  disposeCharts();
  document.title = t('app.title');
  (document.querySelector('.skip') as HTMLElement).textContent = t('app.skip');
  const me = currentUser() ?? (await resume());
  if (count !== renderCount) return;
  if (!me) {
    replace(top, header(undefined));
    renderLogin(main, async () => {
      await resume();
      location.hash = href('overview');
      void route();
    });
    return;
  }
  const [, slug, arg] = location.hash.match(/^#\/([^/]*)\/?(.*)$/) ?? [];
  const page = ROUTES[slug ?? ''] ?? 'overview';
  // Each render draws into its own container: a slower, older render finishes into a detached one.
  const view = h('div', { class: 'view' });
  replace(main, view);
  replace(top, header(page));
  main.setAttribute('aria-busy', 'true');
  if (!PAGES_BY_ROLE[me.role].includes(page)) {
    replace(view, h('p', { class: 'notice' }, t('app.forbidden')));
  } else {
    replace(view, h('p', { class: 'loading' }, t('app.loading')));
    try {
      await RENDER[page](view, arg ? decodeURIComponent(arg) : undefined);
      await chartsDrawn();
    } catch (err) {
      replace(view, h('p', { class: 'error', role: 'alert' }, t('app.error', { message: errorText(err) })));
    }
  }
  if (count !== renderCount) return;
  main.removeAttribute('aria-busy');
  main.dataset.page = page;
}

function header(active: Page | undefined): Array<HTMLElement | null> {
  const me = currentUser();
  const role = me
    ? me.role === 'network'
      ? t('app.role.network', { network: me.networkId ?? '' })
      : t(`app.role.${me.role}` as Key)
    : '';
  const network = me?.networkId ?? undefined;
  return [
    h(
      'div',
      { class: 'brand' },
      h('strong', null, 'indaga'),
      me ? h('span', { class: 'role' }, t('app.signedInAs', { role })) : null,
    ),
    me
      ? h(
          'nav',
          { 'aria-label': t('app.navLabel') },
          h(
            'ul',
            null,
            PAGES_BY_ROLE[me.role].map((page) =>
              h(
                'li',
                null,
                h(
                  'a',
                  {
                    href: href(page, ['network', 'history', 'record'].includes(page) ? network : undefined),
                    'aria-current': page === active ? 'page' : undefined,
                    'data-nav': page,
                  },
                  t(`nav.${page}` as Key),
                ),
              ),
            ),
          ),
        )
      : null,
    h(
      'div',
      { class: 'tools' },
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          lang: currentLang() === 'es' ? 'en' : 'es',
          title: t('app.switchLanguageLabel'),
          'data-action': 'switch-language',
          onclick: () => {
            setLang(currentLang() === 'es' ? 'en' : 'es');
            void route();
          },
        },
        t('app.switchLanguage'),
      ),
      me
        ? h(
            'button',
            {
              type: 'button',
              class: 'link',
              'data-action': 'sign-out',
              onclick: () => {
                signOut();
                location.hash = '';
                void route();
              },
            },
            t('app.signOut'),
          )
        : null,
    ),
  ];
}

whenUnauthorized(() => {
  signOut();
  void route();
});
addEventListener('hashchange', () => void route());
// Started now, used later: the charts' code and the server's list of endpoints load while the first answers come.
void loadCharts();
void offered('/v1/me');
void route();
