/** Column values as the SQL drivers give them (PostgreSQL bigint as text), and the timestamp every write stamps. */
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const now = () => new Date().toISOString();
