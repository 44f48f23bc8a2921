import { PartsBuilder, type TextParts } from '../read-models/text-parts';

/** Elements per stored part of a document's array: appending rewrites at most this many. */
const BLOCK = 16;

/**
 * The parts of `JSON.stringify(doc)` for a document whose top-level arrays
 * hold objects that are never mutated once in a document (the history fold
 * replaces an object instead of changing it). Each array is cut into blocks
 * of BLOCK elements; a block whose elements are the same objects as in the
 * previous version keeps its text (and its part is not written again).
 */
export class DocumentParts {
  private readonly previous = new Map<string, { items: readonly unknown[]; blocks: string[] }>();

  parts(doc: object): TextParts {
    const parts = new PartsBuilder().text('{');
    let first = true;
    for (const [key, value] of Object.entries(doc)) {
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      parts.text(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      if (Array.isArray(value)) parts.text('[').run(this.blocks(key, value)).text(']');
      else parts.text(JSON.stringify(value));
    }
    return parts.text('}').build();
  }

  private blocks(key: string, items: readonly unknown[]): string[] {
    const before = this.previous.get(key);
    const blocks: string[] = [];
    for (let start = 0; start < items.length; start += BLOCK) {
      const end = Math.min(items.length, start + BLOCK);
      const k = blocks.length;
      let same =
        before !== undefined && k < before.blocks.length && Math.min(before.items.length, start + BLOCK) === end;
      for (let i = start; same && i < end; i++) same = items[i] === before!.items[i];
      // Blocks after the first carry the comma that separates them from the one before.
      // JSON.stringify of the block's elements as an array, without its brackets: the elements' texts joined by commas.
      blocks.push(
        same ? before!.blocks[k] : `${k === 0 ? '' : ','}${JSON.stringify(items.slice(start, end)).slice(1, -1)}`,
      );
    }
    this.previous.set(key, { items, blocks });
    return blocks;
  }
}
