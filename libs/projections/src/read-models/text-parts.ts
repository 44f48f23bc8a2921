/**
 * A JSON text stored as numbered parts: the text is the concatenation of the
 * parts in `seq` order. A part keeps its number from one version of a read
 * model to the next, so a catch-up writes only the parts that changed (a
 * period's figures, the last block of sessions) instead of the whole text.
 */
export type TextParts = ReadonlyMap<number, string>;

/** Room for the items of one run; glue text sits at multiples of it. */
const RUN = 1_000_000;

/**
 * Builds parts with stable numbers: glue text between runs, and runs of items
 * (a JSON array's elements or blocks of them, with their separating commas).
 * Glue before run j is part j·RUN, item i of run j is part j·RUN + 1 + i, so
 * as long as a text has the same runs in the same order, a part's number
 * names the same thing in every version.
 */
export class PartsBuilder {
  private readonly parts = new Map<number, string>();
  private glue = '';
  private runs = 0;

  text(s: string): this {
    this.glue += s;
    return this;
  }

  /**
   * The items of a JSON array (each one or several elements), separators
   * included: every item but the first starts with `,`. Callers keep these
   * strings between versions, so an unchanged part is the same string object
   * (compared by pointer, allocated once).
   */
  run(items: readonly string[]): this {
    if (items.length >= RUN - 1) throw new RangeError('too many items in one run of parts');
    const base = this.runs * RUN;
    this.parts.set(base, this.glue);
    this.glue = '';
    for (let i = 0; i < items.length; i++) this.parts.set(base + 1 + i, items[i]);
    this.runs++;
    return this;
  }

  build(): TextParts {
    this.parts.set(this.runs * RUN, this.glue);
    return this.parts;
  }
}

export function singlePart(text: string): TextParts {
  return new Map([[0, text]]);
}

export function joinParts(parts: TextParts): string {
  return [...parts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, text]) => text)
    .join('');
}

/** What to write to go from `before` (unknown: replace everything) to `after`. */
export interface PartsChange {
  /** Delete every stored part first (the stored parts are not known). */
  replace: boolean;
  upserts: Array<[seq: number, text: string]>;
  deletes: number[];
}

export function partsChange(before: TextParts | undefined, after: TextParts): PartsChange {
  if (before === undefined) return { replace: true, upserts: [...after], deletes: [] };
  const upserts: Array<[number, string]> = [];
  for (const [seq, text] of after) if (before.get(seq) !== text) upserts.push([seq, text]);
  const deletes: number[] = [];
  for (const seq of before.keys()) if (!after.has(seq)) deletes.push(seq);
  return { replace: false, upserts, deletes };
}

/** An inclusive range of part numbers, to read a slice of a stored text without the rest. */
export type PartRange = readonly [from: number, to: number];

/**
 * The parts of run j and the glue on either side of it (the glue before it
 * opens the run's value, the glue after it closes it): [j·RUN, (j+1)·RUN].
 */
export function runRange(run: number): PartRange {
  return [run * RUN, (run + 1) * RUN];
}

/** The parts of `parts` inside any of `ranges` (what a query reading those ranges gets from the store). */
export function partsIn(parts: TextParts, ranges: readonly PartRange[]): TextParts {
  return new Map([...parts].filter(([seq]) => ranges.some(([from, to]) => seq >= from && seq <= to)));
}
