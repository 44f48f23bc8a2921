import type { NetworkEvent } from '@indaga/domain';
import { singlePart, type TextParts } from './read-models/text-parts';

/**
 * A read model built per network stream. `evolve` is pure over a JSON
 * document; `view` derives what the queries answer; `indexed` extracts the
 * columns queries filter on. The runner knows nothing of any one projection.
 */
export interface NetworkProjection<Doc = unknown, View = unknown> {
  readonly name: string;
  initial(): Doc;
  /** Pure: the document after these events (folding one by one or in batches gives the same). Never mutates `doc`. */
  evolve(doc: Doc, events: readonly NetworkEvent[]): Doc;
  view(doc: Doc, version: number): View;
  indexed(doc: Doc): { region: string | null };
  /**
   * Optional, for speed: a serializer the runner keeps with one network's
   * document between catch-ups, so that each catch-up only serialises (and
   * writes) the parts its events changed. Its parts, joined, must equal
   * `JSON.stringify(doc)` and `JSON.stringify(view(doc, version))` character
   * for character.
   */
  serializer?(): ProjectionSerializer<Doc>;
  /**
   * Projections that fold the same document (the same `initial` and `evolve`)
   * name it by one `kind`: the runner then folds each network's events once
   * for all of them, they share the folded object, and only the one with
   * `stored: true` keeps it in its row (the others load it from there or from
   * memory). Without it, a projection folds and stores its own.
   */
  readonly document?: { kind: string; stored: boolean };
}

export interface ProjectionSerializer<Doc> {
  document(doc: Doc): TextParts;
  view(doc: Doc, version: number): TextParts;
}

/** The parts a catch-up writes: the projection's serializer, or plain JSON.stringify. */
export function serializerOf<Doc>(projection: NetworkProjection<Doc>): ProjectionSerializer<Doc> {
  return (
    projection.serializer?.() ?? {
      document: (doc) => singlePart(JSON.stringify(doc)),
      view: (doc, version) => singlePart(JSON.stringify(projection.view(doc, version))),
    }
  );
}
