import type { Migration } from '@indaga/platform';

/**
 * Read models and the runner's bookkeeping. A projection's rows live in a
 * numbered generation; a rebuild fills the next generation while the active
 * one keeps answering, then switches `active_generation` in one statement.
 * `version` is each row's checkpoint: the stream version it reflects.
 */
const tables = (text: string, int: string) => `
CREATE TABLE read_models (
  projection ${text} NOT NULL,
  generation ${int} NOT NULL,
  network_id ${text} NOT NULL,
  version ${int} NOT NULL,
  region ${text},
  document ${text} NOT NULL,
  view ${text} NOT NULL,
  updated_at ${text} NOT NULL,
  PRIMARY KEY (projection, generation, network_id)
);
CREATE INDEX read_models_region ON read_models (projection, generation, region);
CREATE TABLE projection_status (
  projection ${text} PRIMARY KEY,
  active_generation ${int} NOT NULL,
  rebuild_generation ${int},
  rebuild_state ${text},
  rebuild_job_id ${text},
  rebuild_processed ${int},
  rebuild_total ${int},
  rebuild_error ${text},
  updated_at ${text} NOT NULL
);
CREATE TABLE projection_parked (
  projection ${text} NOT NULL,
  generation ${int} NOT NULL,
  network_id ${text} NOT NULL,
  version ${int} NOT NULL,
  error ${text} NOT NULL,
  parked_at ${text} NOT NULL,
  PRIMARY KEY (projection, generation, network_id)
);
CREATE TABLE projection_cursors (
  name ${text} PRIMARY KEY,
  position ${int} NOT NULL
);
`;

/**
 * Version 2: a row's document and view are stored as numbered parts (see
 * text-parts.ts), so a catch-up rewrites only the parts it changed; the
 * `document` and `view` columns of read_models are left empty.
 */
const parts = (text: string, int: string) => `
CREATE TABLE read_model_parts (
  projection ${text} NOT NULL,
  generation ${int} NOT NULL,
  network_id ${text} NOT NULL,
  kind ${text} NOT NULL,
  seq ${int} NOT NULL,
  text ${text} NOT NULL,
  PRIMARY KEY (projection, generation, network_id, kind, seq)
);
INSERT INTO read_model_parts (projection, generation, network_id, kind, seq, text)
  SELECT projection, generation, network_id, 'd', 0, document FROM read_models;
INSERT INTO read_model_parts (projection, generation, network_id, kind, seq, text)
  SELECT projection, generation, network_id, 'v', 0, view FROM read_models;
UPDATE read_models SET document = '', view = '';
`;

export const READ_MODEL_MIGRATIONS: Migration[] = [
  { version: 1, sqlite: tables('TEXT', 'INTEGER'), postgres: tables('text', 'bigint') },
  { version: 2, sqlite: parts('TEXT', 'INTEGER'), postgres: parts('text', 'bigint') },
];
