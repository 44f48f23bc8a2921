/** `YYYYMMDDTHHMMSSZ` of a moment (SPEC 5.5 file names). */
export function compactTimestamp(moment: Date): string {
  return moment
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** `attachment; filename="indaga-<what>-<scope>-<asOf or now>.<ext>"` (SPEC 5.5). */
export function exportDisposition(what: string, scope: string, asOf: string | undefined, ext: string): string {
  const moment = asOf === undefined ? new Date() : new Date(asOf);
  return `attachment; filename="indaga-${what}-${scope}-${compactTimestamp(moment)}.${ext}"`;
}
