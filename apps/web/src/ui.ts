import { call } from './api';
import { h, uid } from './dom';
import { type Key, t } from './i18n/i18n';
import { href } from './nav';
import type { Page } from './session';

/** A table's head: one column header per key, and (when given) a last column for row actions, labelled for screen readers only. */
export function tableHead(cols: readonly Key[], actionLabel?: string): HTMLElement {
  return h(
    'thead',
    null,
    h(
      'tr',
      null,
      cols.map((c) => h('th', { scope: 'col' }, t(c))),
      actionLabel === undefined ? null : h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, actionLabel)),
    ),
  );
}

export function section(title: string, ...children: Array<Node | string | null | false | undefined>): HTMLElement {
  const id = uid('s');
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function selectOf(
  options: Array<[value: string, label: string]>,
  attrs: Record<string, unknown> = {},
  selected?: string,
): HTMLSelectElement {
  return h(
    'select',
    attrs,
    options.map(([value, label]) => h('option', { value, selected: value === selected }, label)),
  );
}

/** A labelled control with a slot for its error, wired by aria-describedby. */
export function labelled(label: string, control: HTMLElement, name?: string): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', errorId);
  if (name) control.setAttribute('data-field', name);
  return h(
    'div',
    { class: 'field', 'data-field-wrap': name },
    h('label', { for: id }, label),
    control,
    h('p', { class: 'field-error', id: errorId, 'data-error-for': name }),
  );
}

interface NetworkRow {
  networkId: string;
  name: string;
}

/** For admin and analyst on a network page with no network chosen: a list to pick one. */
export async function networkPicker(main: HTMLElement, page: Page, heading: string): Promise<void> {
  const rows = await call<NetworkRow[]>('/v1/networks');
  main.replaceChildren(
    h('h1', null, heading),
    h(
      'ul',
      { class: 'picker' },
      rows.map((row) => h('li', null, h('a', { href: href(page, row.networkId) }, row.name))),
    ),
  );
}

/** Network id of the page: the route's, else a network token's own network. */
export const pickNetwork = (arg: string | undefined, own: string | null | undefined): string | undefined =>
  arg || own || undefined;

export const heading = (text: string): HTMLElement => h('h1', { tabindex: '-1' }, text);
export const noNetworks = (): HTMLElement => h('p', null, t('overview.empty'));
