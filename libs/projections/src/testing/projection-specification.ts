// Emmett-style Given/When/Then over a projection and its typed queries, for
// specs only (it uses jest's global `expect`; not exported from the lib's index):
//   ProjectionSpecification.for(networkViewsProjection)
//     .given([events])          the row as a first catch-up stores it
//     .when([events])           a later catch-up, writing only the parts it changed
//     .then(trajectoryQuery, 'quarter', expected)   the query answers from its parts alone
import type { NetworkEvent } from '@indaga/domain';
import { type NetworkProjection, serializerOf } from '../projection';
import { joinParts, partsChange, partsIn, type TextParts } from '../read-models/text-parts';
import type { ViewQuery } from '../view-query';

/** Parts as the read-model table holds them, changed only by what the runner writes. */
class StoredParts {
  private readonly stored = new Map<number, string>();
  private last: TextParts | undefined;

  write(parts: TextParts): void {
    const change = partsChange(this.last, parts);
    if (change.replace) this.stored.clear();
    for (const seq of change.deletes) this.stored.delete(seq);
    for (const [seq, text] of change.upserts) this.stored.set(seq, text);
    this.last = parts;
  }

  get parts(): TextParts {
    return this.stored;
  }
}

export interface ThenStep {
  /** The query, given only the stored parts it asks for, answers `expected`. */
  then<Args, Answer>(query: ViewQuery<Args, Answer>, args: Args, expected: Answer): void;
  /** A query over the stored history document (joined from its parts) answers `expected`. */
  thenDocument<Answer>(query: (document: string) => Answer, expected: Answer): void;
}

export interface WhenStep extends ThenStep {
  when(events: NetworkEvent[]): ThenStep;
}

export interface GivenStep {
  given(events: NetworkEvent[]): WhenStep;
}

export const ProjectionSpecification = {
  for<Doc>(projection: NetworkProjection<Doc>): GivenStep {
    return {
      given(given) {
        const catchUps = [given];
        const stored = () => {
          // One serializer across catch-ups, as the runner keeps it with a network's document.
          const serializer = serializerOf(projection);
          const [document, view] = [new StoredParts(), new StoredParts()];
          let doc = projection.initial();
          let version = 0;
          for (const events of catchUps) {
            doc = projection.evolve(doc, events);
            version += events.length;
            document.write(serializer.document(doc));
            view.write(serializer.view(doc, version));
          }
          return { document: document.parts, view: view.parts };
        };
        const then: ThenStep = {
          then(query, args, expected) {
            expect(query.answer(partsIn(stored().view, query.parts(args)), args)).toEqual(expected);
          },
          thenDocument(query, expected) {
            expect(query(joinParts(stored().document))).toEqual(expected);
          },
        };
        return {
          ...then,
          when(events) {
            catchUps.push(events);
            return then;
          },
        };
      },
    };
  },
};
