import { en } from './en';
import { es } from './es';

/** Language, messages and Chilean formats (dd-mm-aaaa, decimal comma); Spanish unless the user switches. */
export type Lang = 'es' | 'en';
export type Key = keyof typeof es;
const LANG_KEY = 'indaga.lang';
const catalogues: Record<Lang, Record<Key, string>> = { es, en };

let lang: Lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'es';
export const currentLang = (): Lang => lang;
export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = next === 'es' ? 'es-CL' : 'en';
}
document.documentElement.lang = lang === 'es' ? 'es-CL' : 'en';

export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = catalogues[lang][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** A catalogue key built from an API value (a level, a kind…); falls back to the raw value. */
export function tv(prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const key = `${prefix}.${value}` as Key;
  return key in es ? t(key) : value;
}

const locale = (): string => (lang === 'es' ? 'es-CL' : 'en-GB');

/** `2016-03-01` → `01-03-2016` in Spanish (as in Chile); ISO in English. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return lang === 'es' ? `${d}-${m}-${y}` : `${y}-${m}-${d}`;
}

/** A timestamp in the reader's local time (as the as-of pickers take it). */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${fmtDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// Formatters are costly to build (a table of 500 networks formats thousands of numbers): one per kind and language.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(kind: 'num' | 'pct', digits: number): Intl.NumberFormat {
  const key = `${lang}:${kind}:${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      locale(),
      kind === 'pct' ? { style: 'percent', maximumFractionDigits: digits } : { maximumFractionDigits: digits },
    );
    formatters.set(key, f);
  }
  return f;
}

export function fmtNum(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return '—';
  return formatter('num', digits).format(value);
}

export function fmtPct(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return formatter('pct', 0).format(value);
}

let collator: Intl.Collator | undefined;
/** Sorting as a Chilean reader expects (ñ after n, Red 9 before Red 10); one collator, not one per comparison. */
export const compareText = (a: string, b: string): number =>
  (collator ??= new Intl.Collator('es-CL', { numeric: true })).compare(a, b);

/** `2016-Q2` → `2016-T2` (trimestre), `2016-H1` → `2016-S1` (semestre) in Spanish. */
export function fmtPeriod(period: string | null | undefined): string {
  if (!period) return '—';
  return lang === 'es' ? period.replace('-Q', '-T').replace('-H', '-S') : period;
}
