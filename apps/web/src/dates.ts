import { h } from './dom';
import { currentLang, fmtDate, t } from './i18n/i18n';

/**
 * Dates typed as in Chile. `<input type=date>` draws its own field in the
 * browser's language (mm/dd/yyyy in an en-US chromium, whatever the page's
 * lang), so date fields are text fields that take dd-mm-aaaa (aaaa-mm-dd too,
 * which cannot be mistaken for it) and say in words what is wrong.
 */
const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const YEAR_FIRST = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `undefined`: nothing typed; `null`: not a date; else the day as `aaaa-mm-dd`. */
export function parseDay(text: string): string | undefined | null {
  const value = text.trim();
  if (!value) return undefined;
  const m = DAY_FIRST.exec(value);
  const n = YEAR_FIRST.exec(value);
  const [y, mo, d] = m ? [m[3], m[2], m[1]] : n ? [n[1], n[2], n[3]] : [];
  if (!y) return null;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const date = new Date(Date.UTC(year, month - 1, day));
  // 31-02-2024 rolls over to March: not a day of the calendar.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A moment typed as `dd-mm-aaaa` or `dd-mm-aaaa hh:mm[:ss]`, in the reader's
 * local time, as an ISO timestamp; a day alone means its last instant (as
 * known on that day, all of it). `undefined`: nothing typed; `null`: invalid.
 */
export function parseMoment(text: string): string | undefined | null {
  const value = text.trim();
  if (!value) return undefined;
  const [dayText, timeText, ...rest] = value.split(/\s+/);
  const day = parseDay(dayText);
  if (!day || rest.length) return null;
  const [y, mo, d] = day.split('-').map(Number);
  if (timeText === undefined) return new Date(y, mo - 1, d, 23, 59, 59, 999).toISOString();
  const time = TIME.exec(timeText);
  if (!time) return null;
  const [hh, mm, ss] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return null;
  return new Date(y, mo - 1, d, hh, mm, ss).toISOString();
}

/** A text field for a day (`kind: 'day'`) or a moment, with its format as placeholder and hint. */
export function dateInput(name: string, kind: 'day' | 'moment', value = ''): HTMLInputElement {
  const format = t(kind === 'day' ? 'date.format' : 'date.formatMoment');
  return h('input', {
    type: 'text',
    name,
    value: value ? fmtDate(value) : '',
    placeholder: format,
    autocomplete: 'off',
    spellcheck: 'false',
    'data-date': kind,
    lang: currentLang() === 'es' ? 'es-CL' : 'en',
  });
}

/** The message for a date field that holds no date (Spanish first). */
export const invalidDateMessage = (kind: 'day' | 'moment'): string =>
  t(kind === 'day' ? 'date.invalid' : 'date.invalidMoment');

/** A date field's label with the format to type in it. */
export const dateLabel = (label: string, kind: 'day' | 'moment'): string =>
  kind === 'day' ? t('date.labelled', { label, format: t('date.format') }) : t('date.labelledMoment', { label });

/**
 * Marks a moment field (labelled with its name) valid or not, with the
 * message in its error slot; answers whether the field can be used.
 */
export function momentChecked(input: HTMLInputElement, parsed: string | undefined | null): boolean {
  const slot = input.closest('.field')?.querySelector('[data-error-for]');
  if (parsed === null) {
    input.setAttribute('aria-invalid', 'true');
    if (slot) slot.textContent = invalidDateMessage('moment');
    input.focus();
    return false;
  }
  input.removeAttribute('aria-invalid');
  if (slot) slot.textContent = '';
  return true;
}
