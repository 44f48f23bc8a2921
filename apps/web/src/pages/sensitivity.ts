import { ApiFailure, call } from '../api';
import { h, replace } from '../dom';
import { fmtNum, fmtPeriod, Key, t } from '../i18n/i18n';
import { LEVELS, levelBadge, levelName } from '../levels';
import { errorText } from '../messages';
import { labelled, section } from '../ui';

type Counts = Record<'informative' | 'collaborative' | 'cooperative', number>;
interface Sensitivity {
  periods: Array<{ period: string; default: Counts; alternative: Counts }>;
  changed: Array<{ networkId: string; defaultLevel: string | null; alternativeLevel: string | null }>;
}

/** Periods shown: the latest ones (a decade of quarters would not fit). */
const SHOWN = 8;
const FIELDS = [
  ['cooperativeShare', '0,4'],
  ['collaborativeShare', '0,5'],
  ['minMultiSchoolJointActions', '1'],
] as const;

/** `0,35` or `0.35` → 0.35; undefined when empty; NaN when not a number. */
const decimal = (text: string): number | undefined =>
  text.trim() === '' ? undefined : /^\d+([.,]\d+)?$/.test(text.trim()) ? Number(text.trim().replace(',', '.')) : NaN;

/**
 * SPEC 5.3 threshold sensitivity, on Resumen: how many networks would be at
 * each level under other thresholds, and which networks' latest level would
 * change. Thresholds are typed with a decimal comma (a point is taken too).
 */
export function sensitivitySection(period: string, names: Map<string, string>): HTMLElement {
  const inputs = FIELDS.map(([name, value]) =>
    h('input', { type: 'text', name, value, inputmode: 'decimal', autocomplete: 'off', class: 'short' }),
  );
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'sensitivity' });
  const form = h(
    'form',
    {
      class: 'filters',
      'data-form': 'sensitivity',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        form.querySelectorAll('[data-error-for]').forEach((p) => (p.textContent = ''));
        const params = new URLSearchParams({ period });
        for (const input of inputs) {
          const value = decimal(input.value);
          if (value === undefined) continue;
          if (Number.isNaN(value)) {
            form.querySelector(`[data-error-for=${input.name}]`)!.textContent = t('sensitivity.notNumber');
            input.setAttribute('aria-invalid', 'true');
            input.focus();
            return;
          }
          input.removeAttribute('aria-invalid');
          params.set(input.name, String(value));
        }
        try {
          draw(result, await call<Sensitivity>(`/v1/overview/sensitivity?${params}`), names);
        } catch (err) {
          // The API's validation names the threshold: shown next to it.
          const fields = err instanceof ApiFailure ? err.fieldErrors.map((d) => d.field) : [];
          for (const field of fields) {
            const slot = form.querySelector(`[data-error-for=${CSS.escape(field)}]`);
            if (slot) slot.textContent = t('sensitivity.outOfRange');
          }
          replace(result, h('p', { class: 'error', role: 'alert' }, errorText(err)));
        }
      },
    },
    inputs.map((input) => labelled(t(`sensitivity.${input.name}` as Key), input, input.name)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('sensitivity.apply'))),
  );
  return section(t('sensitivity.title'), h('p', { class: 'muted' }, t('sensitivity.intro')), form, result);
}

function draw(host: HTMLElement, answer: Sensitivity, names: Map<string, string>): void {
  const periods = answer.periods.slice(-SHOWN);
  const cell = (n: number, other: number) => h('td', { class: `num${n === other ? '' : ' changed'}` }, fmtNum(n));
  replace(
    host,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        null,
        h('caption', null, t('sensitivity.caption', { n: periods.length })),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('overview.filter.period')),
            LEVELS.map((l) =>
              h('th', { scope: 'col', class: 'num' }, t('sensitivity.default', { level: levelName(l) })),
            ),
            LEVELS.map((l) =>
              h('th', { scope: 'col', class: 'num' }, t('sensitivity.alternative', { level: levelName(l) })),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          periods.map((p) =>
            h(
              'tr',
              {
                'data-period': p.period,
                'data-default': LEVELS.map((l) => p.default[l]).join(' '),
                'data-alternative': LEVELS.map((l) => p.alternative[l]).join(' '),
              },
              h('th', { scope: 'row', class: 'nowrap' }, fmtPeriod(p.period)),
              LEVELS.map((l) => cell(p.default[l], p.alternative[l])),
              LEVELS.map((l) => cell(p.alternative[l], p.default[l])),
            ),
          ),
        ),
      ),
    ),
    h('h3', null, t('sensitivity.changed', { n: fmtNum(answer.changed.length) })),
    answer.changed.length
      ? h(
          'ul',
          { class: 'changed-networks' },
          answer.changed.map((c) =>
            h(
              'li',
              {
                'data-network-id': c.networkId,
                'data-default': c.defaultLevel ?? '',
                'data-alternative': c.alternativeLevel ?? '',
              },
              `${names.get(c.networkId) ?? c.networkId}: `,
              levelBadge(c.defaultLevel),
              ' → ',
              levelBadge(c.alternativeLevel),
            ),
          ),
        )
      : h('p', null, t('sensitivity.none')),
  );
}
