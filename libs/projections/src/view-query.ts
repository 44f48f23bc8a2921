import type { PartRange, TextParts } from './read-models/text-parts';

/**
 * A typed query over one network's row of a read model: the parts of the
 * stored view it reads (so one period is read without the others) and its
 * answer from those parts alone. Each projection keeps its queries in its
 * `queries/` folder, next to its evolve; the API's read slices call them.
 */
export interface ViewQuery<Args, Answer> {
  parts(args: Args): readonly PartRange[];
  /** `parts`: the stored parts inside `parts(args)`, as the store returns them (other parts may be there too). */
  answer(parts: TextParts, args: Args): Answer;
}
