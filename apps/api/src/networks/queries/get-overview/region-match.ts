/**
 * SPEC 3: `?region=` matches ignoring case and accents, so `nuble`, `ñuble`
 * and `NUBLE` all find `Ñuble` (people type region names without the ñ or the
 * tilde on many keyboards). Compared on the canonical decomposition with
 * combining marks removed.
 */
export function foldRegion(region: string): string {
  return region.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('es-CL').trim();
}

export function regionMatches(wanted: string): (region: string | null | undefined) => boolean {
  const folded = foldRegion(wanted);
  return (region) => region != null && foldRegion(region) === folded;
}
