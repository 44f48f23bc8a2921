import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/**
 * Rows to RFC 4180 CSV (SPEC 5.5) with csv-stringify: comma separator, `"`
 * quoting with doubled quotes, CRLF line ends, a header row, numbers as
 * JavaScript writes them (`.` decimals), null as an empty cell, and an
 * optional UTF-8 byte-order mark for spreadsheet programs. Piped, so the
 * rows are produced only as fast as the client reads.
 */
export function csvStream(
  columns: readonly string[],
  rows: AsyncIterable<Record<string, unknown>>,
  options: { bom: boolean },
): Readable {
  const stringifier = stringify({
    header: true,
    columns: [...columns],
    bom: options.bom,
    record_delimiter: 'windows',
    // With an explicit record delimiter csv-stringify stops quoting lone \n and \r unless told (they would split records).
    quote_record_delimiter: true,
    eof: true,
  });
  // pipeline: an error on either side, or a client that goes away, ends both (and the row generator with them).
  return pipeline(Readable.from(rows, { objectMode: true, highWaterMark: 16 }), stringifier, () => undefined);
}
