import type { BenchSection } from './bench-section';

/** Thousands separators for rates, two decimals for ratios (values below 10), text as is. */
export function formatCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) < 10 && !Number.isInteger(value)) return value.toFixed(2);
  return Math.round(value).toLocaleString('en-US');
}

/** A section as a markdown heading, table (columns in first-seen order) and notes. */
export function renderSection(section: BenchSection): string {
  const columns: string[] = [];
  for (const row of section.rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const lines = [`## ${section.title}`, ''];
  lines.push(`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`);
  for (const row of section.rows) lines.push(`| ${columns.map((c) => formatCell(row[c])).join(' | ')} |`);
  if (section.notes?.length) lines.push('', ...section.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}
