import type { Pool } from 'pg';
import type { AppendResult } from '../event-store.port';
import { IdempotencyKeyHeldError, WrongExpectedVersionError } from '../errors';
import { appendResult, type EncodedAppend } from '../internal/encoded-append';
import { APPEND_ONE } from './postgres-append-one.sql';
import { appendOneWithKeys } from './postgres-data-keys';
import { toStoreError } from './postgres-connection';
import { APPEND_LOCK_CLASS } from './postgres-sql';

/**
 * Whether an append can take the one-statement path: json_to_recordset
 * de-escapes strings, so payloads holding a \\u escape go through the batch
 * path's array encoding instead (see postgres-sql.ts). New data keys (SPEC
 * 6.1) ride in the same statement (appendOneWithKeys); appends destroying keys
 * (redactions) take the batch path, which writes them in its transaction.
 */
export function fitsAppendOne(append: EncodedAppend): boolean {
  return (
    append.dataKeys?.destroy === undefined &&
    append.sideEffects.length <= 1 &&
    !append.events.some((e) => e.data.includes('\\u') || e.metadata.includes('\\u'))
  );
}

/** Writes one append with es_append_one (postgres-append-one.sql.ts): one round trip. */
export async function writePostgresAppendOne(
  pool: Pool,
  schemaKey: number,
  append: EncodedAppend,
): Promise<AppendResult> {
  const expected = append.expectedVersion;
  const record = append.sideEffects[0];
  const rows: string[] = append.events.map((e) => `{"t":${JSON.stringify(e.type)},"d":${e.data},"m":${e.metadata}}`);
  let result;
  try {
    result = await pool.query<[string, number, string[] | null]>({
      ...appendOneWithKeys(
        APPEND_ONE,
        [
          APPEND_LOCK_CLASS,
          schemaKey,
          append.streamId,
          typeof expected === 'number' ? 'exact' : expected,
          typeof expected === 'number' ? expected : null,
          `[${rows.join(',')}]`,
          append.recordedAt,
          record?.scope ?? null,
          record?.key ?? null,
          record?.value ?? null,
          record?.expiresAt ?? null,
        ],
        append,
      ),
      rowMode: 'array',
    });
  } catch (error) {
    throw toStoreError(error);
  }
  const [outcome, actual, positions] = result.rows[0];
  if (outcome === 'key') throw new IdempotencyKeyHeldError(record.scope, record.key);
  if (outcome === 'version') throw new WrongExpectedVersionError(append.streamId, expected, actual);
  return appendResult(append, actual, (positions ?? []).map(Number));
}
