import type { NetworkEvent } from '@indaga/domain';

/**
 * A read model built per network stream. `evolve` is pure over a JSON
 * document; `view` derives what the queries answer; `indexed` extracts the
 * columns queries filter on. The runner knows nothing of any one projection.
 */
export interface NetworkProjection<Doc = unknown, View = unknown> {
  readonly name: string;
  initial(): Doc;
  /** Pure: the document after these events (folding one by one or in batches gives the same). */
  evolve(doc: Doc, events: readonly NetworkEvent[]): Doc;
  view(doc: Doc, version: number): View;
  indexed(doc: Doc): { region: string | null };
}
