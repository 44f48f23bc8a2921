// Calendar periods over `YYYY-MM-DD` dates, by string arithmetic only (no
// Date objects, so no timezone can shift a day). Labels: `2016-Q2`
// (April–June), `2016-H1` (January–June), `2016`.
import { daysInMonth } from '../value-rules';

export const PERIODS = ['quarter', 'half', 'year'] as const;
export type Period = (typeof PERIODS)[number];

const LABEL_PATTERN = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/;

interface ParsedPeriod {
  year: number;
  period: Period;
  /** 1-based quarter or half; 1 for a year. */
  index: number;
}

/** Months per period, so index n covers months (n−1)·size+1 … n·size. */
const MONTHS: Record<Period, number> = { quarter: 3, half: 6, year: 12 };

export function periodOf(date: string, period: Period): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const index = Math.floor((month - 1) / MONTHS[period]) + 1;
  return label({ year: Number(year), period, index });
}

export function periodKind(periodLabel: string): Period {
  return parse(periodLabel).period;
}

/** First day of the period. */
export function periodStart(periodLabel: string): string {
  const { year, period, index } = parse(periodLabel);
  const month = (index - 1) * MONTHS[period] + 1;
  return `${pad(year, 4)}-${pad(month, 2)}-01`;
}

/** Last day of the period: `end(P)` of SPEC §2. */
export function periodEnd(periodLabel: string): string {
  const { year, period, index } = parse(periodLabel);
  const month = index * MONTHS[period];
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(daysInMonth(year, month), 2)}`;
}

export function nextPeriod(periodLabel: string): string {
  const { year, period, index } = parse(periodLabel);
  const perYear = 12 / MONTHS[period];
  return index < perYear ? label({ year, period, index: index + 1 }) : label({ year: year + 1, period, index: 1 });
}

/** Every period from the one containing `fromDate` to the one containing `toDate`, both included. */
export function periodsBetween(fromDate: string, toDate: string, period: Period): string[] {
  const last = periodOf(toDate, period);
  const periods: string[] = [];
  if (toDate < fromDate) return periods;
  for (let p = periodOf(fromDate, period); ; p = nextPeriod(p)) {
    periods.push(p);
    if (p === last) return periods;
  }
}

function parse(periodLabel: string): ParsedPeriod {
  const match = LABEL_PATTERN.exec(periodLabel);
  if (match === null) throw new RangeError(`Not a period label: ${periodLabel}`);
  const year = Number(match[1]);
  const suffix = match[2];
  if (suffix === undefined) return { year, period: 'year', index: 1 };
  return { year, period: suffix[0] === 'Q' ? 'quarter' : 'half', index: Number(suffix[1]) };
}

function label({ year, period, index }: ParsedPeriod): string {
  const y = pad(year, 4);
  switch (period) {
    case 'quarter':
      return `${y}-Q${index}`;
    case 'half':
      return `${y}-H${index}`;
    case 'year':
      return y;
    default: {
      const unknownPeriod: never = period;
      throw new RangeError(`Unknown period: ${String(unknownPeriod)}`);
    }
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
