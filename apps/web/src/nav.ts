import type { Page } from './session';

/** Hash routes: `#/<slug>/<id>`. Only the page and ids, never the token. */
export const ROUTES: Record<string, Page> = {
  resumen: 'overview',
  red: 'network',
  historia: 'history',
  registrar: 'record',
  exportar: 'export',
  operacion: 'operations',
};
const SLUG = Object.fromEntries(Object.entries(ROUTES).map(([slug, page]) => [page, slug])) as Record<Page, string>;

export const href = (page: Page, arg?: string): string => `#/${SLUG[page]}${arg ? '/' + encodeURIComponent(arg) : ''}`;
