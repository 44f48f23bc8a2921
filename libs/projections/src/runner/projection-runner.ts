import { networkStreamId, toNetworkEvents } from '@indaga/domain';
import type { EventStore, RecordedEvent } from '@indaga/event-store';
import { NetworkProjection, ProjectionSerializer, serializerOf } from '../projection';
import { partsChange, type TextParts } from '../read-models/text-parts';
import type { ReadModelStore } from '../read-models/read-model-store';

/** Events read and applied per compare-and-set during live catch-up. */
const PAGE = 1_000;
const REFOLD_PAGE = 10_000;
/** What a row stored without its document holds in place of it (a JSON text is never empty). */
const NO_DOCUMENT: TextParts = new Map();

export interface CatchUpResult {
  projection: string;
  generation: number;
  fromVersion: number;
  toVersion: number;
}

interface CachedDoc {
  version: number;
  doc: unknown;
  /** Kept with the document: it reuses what it computed for the earlier versions of this network. */
  serializer: ProjectionSerializer<unknown>;
  /** The parts stored for this version, when this runner wrote them (unknown after a load: everything is rewritten). */
  written?: { document: TextParts; view: TextParts };
}

/**
 * Catches a network's read model up from its checkpoint: read the stream after
 * the stored version, evolve the document, write document, view and the new
 * checkpoint in one compare-and-set (only the parts of document and view that
 * changed since the version this runner wrote last, see text-parts.ts). Written once for every projection; safe
 * under at-least-once delivery and concurrent workers (a stale or duplicate
 * run loses the compare-and-set, re-reads, and changes nothing twice).
 */
export class ProjectionRunner {
  /** Parsed documents by (projection, generation, network) so a catch-up does not re-parse its own last write. */
  private readonly docs = new Map<string, CachedDoc>();
  private static readonly CACHE_SIZE = 2_000;
  private readonly reads = new Map<string, Promise<RecordedEvent[]>>();
  /**
   * The latest folded document per (document kind, network), whatever
   * projection or generation folded it: a document is a function of the
   * stream's events alone, so projections sharing a kind fold each event once
   * and hold one copy (they never mutate it).
   */
  private readonly folded = new Map<string, { version: number; doc: unknown }>();

  constructor(
    private readonly store: EventStore,
    /** Its rows, and the rebuild state to find the generation that stores a shared document. */
    private readonly readModels: Pick<ReadModelStore, 'rows' | 'rebuilds'>,
    /** Every projection, to find the one that stores a shared document. */
    private readonly projections: readonly NetworkProjection[] = [],
  ) {}

  /**
   * `remember: false` (rebuilds) does not keep the document in the cache: a
   * rebuild visits every network once, and keeping them all would grow memory
   * with the log. `storeDocument: false` (rebuilds) writes the view and the
   * checkpoint but not the document: the document is derived from the stream
   * like everything else here, so the first live catch-up of that row folds
   * it again from the stream (once) and stores it. Serialising and writing
   * every network's whole history was half of a rebuild's time. `checkpoint`:
   * the row's version as the caller just read it (with its parked flag, in
   * one query), so the first round does not read it again; a stale one only
   * loses the compare-and-set, and the next round reads the row.
   */
  async catchUp(
    projection: NetworkProjection,
    generation: number,
    networkId: string,
    options: { pageSize?: number; remember?: boolean; storeDocument?: boolean; checkpoint?: number } = {},
  ): Promise<CatchUpResult> {
    const pageSize = options.pageSize ?? PAGE;
    const streamId = networkStreamId(networkId);
    const key = `${projection.name}\u0000${generation}\u0000${networkId}`;
    let first: number | undefined;
    // Without the cache (rebuilds), the next page continues from this run's own last write.
    let carried: CachedDoc | undefined;
    let checkpoint = options.checkpoint;
    for (;;) {
      const {
        version,
        doc,
        serializer,
        written: before,
      } = carried ?? (await this.load(projection, generation, networkId, key, checkpoint));
      carried = undefined;
      checkpoint = undefined;
      first ??= version;
      const page = await this.read(streamId, version + 1, pageSize);
      if (page.length === 0) return { projection: projection.name, generation, fromVersion: first, toVersion: version };
      const next = page[page.length - 1].version;
      const evolved = this.evolve(projection, networkId, doc, page, options.remember !== false);
      const storeDocument = (options.storeDocument ?? true) && (projection.document?.stored ?? true);
      const parts = {
        document: storeDocument ? serializer.document(evolved) : NO_DOCUMENT,
        view: serializer.view(evolved, next),
      };
      const written = await this.readModels.rows.compareAndSet(projection.name, generation, version, {
        networkId,
        version: next,
        region: projection.indexed(evolved).region,
        // Without a document, partsChange(undefined, NO_DOCUMENT) deletes whatever document parts the row had.
        document: partsChange(storeDocument ? before?.document : undefined, parts.document),
        view: partsChange(before?.view, parts.view),
      });
      const entry: CachedDoc = { version: next, doc: evolved, serializer, written: parts };
      // Lost the race to another run: forget what we thought and re-read the row.
      if (!written || options.remember === false) this.docs.delete(key);
      else this.remember(key, entry);
      if (written && options.remember === false) carried = entry;
      // A short page was the end of the stream when read: done (later appends bring their own notification).
      if (written && page.length < pageSize)
        return { projection: projection.name, generation, fromVersion: first, toVersion: next };
    }
  }

  /**
   * Writes the first row of a network folded elsewhere (a rebuild's pass
   * over the log): view and checkpoint, no document, compare-and-set from
   * "no row". False when the network already has a row in that generation.
   */
  writeFolded(
    projection: NetworkProjection,
    generation: number,
    networkId: string,
    doc: unknown,
    version: number,
  ): Promise<boolean> {
    return this.readModels.rows.compareAndSet(projection.name, generation, 0, {
      networkId,
      version,
      region: projection.indexed(doc).region,
      document: partsChange(undefined, NO_DOCUMENT),
      view: partsChange(undefined, serializerOf(projection).view(doc, version)),
    });
  }

  /**
   * The document after `page`: the one another projection of the same kind
   * already folded up to the same version (a document is a function of the
   * stream's first N events), else folded here (and offered to them).
   * Projections of a network catch up side by side on one shared read, so the
   * first to resume folds and the others find its result.
   */
  private evolve(
    projection: NetworkProjection,
    networkId: string,
    doc: unknown,
    page: RecordedEvent[],
    /** False for rebuilds: a rebuild visits every network once, and keeping their documents would grow memory. */
    offer: boolean,
  ): unknown {
    const next = page[page.length - 1].version;
    const key = projection.document ? `${projection.document.kind}\u0000${networkId}` : undefined;
    const shared = key === undefined ? undefined : this.folded.get(key);
    if (shared?.version === next) return shared.doc;
    const evolved = projection.evolve(doc, toNetworkEvents(page));
    if (key !== undefined && offer) {
      this.folded.delete(key);
      this.folded.set(key, { version: next, doc: evolved });
      if (this.folded.size > ProjectionRunner.CACHE_SIZE) this.folded.delete(this.folded.keys().next().value as string);
    }
    return evolved;
  }

  /**
   * The projections of a network catch up side by side, usually from the same
   * version: the same read, asked while it is in flight, is made once.
   */
  private read(streamId: string, fromVersion: number, limit: number): Promise<RecordedEvent[]> {
    const key = `${streamId}\u0000${fromVersion}\u0000${limit}`;
    let read = this.reads.get(key);
    if (read === undefined) {
      read = this.store.readStream(streamId, { fromVersion, limit }).finally(() => this.reads.delete(key));
      this.reads.set(key, read);
    }
    return read;
  }

  private async load(
    projection: NetworkProjection,
    generation: number,
    networkId: string,
    key: string,
    checkpoint?: number,
  ): Promise<CachedDoc> {
    const cached = this.docs.get(key);
    // The cache is only a shortcut: it is trusted only when the stored checkpoint is the same.
    const stored = checkpoint ?? (await this.readModels.rows.version(projection.name, generation, networkId));
    if (cached && cached.version === stored) return cached;
    const serializer = serializerOf(projection);
    if (stored === 0) return { version: 0, doc: projection.initial(), serializer };
    const row = await this.readModels.rows.row(projection.name, generation, networkId);
    if (!row) return { version: 0, doc: projection.initial(), serializer };
    if (row.document !== '') return { version: row.version, doc: JSON.parse(row.document), serializer };
    const doc =
      (await this.sharedDocument(projection, networkId, row.version)) ??
      (await this.refold(projection, networkId, row.version));
    return { version: row.version, doc, serializer };
  }

  /**
   * A row kept without its document because another projection stores it
   * (NetworkProjection.document): the folded document in memory at that
   * version, or the storing projection's row when it is at that version.
   */
  private async sharedDocument(projection: NetworkProjection, networkId: string, version: number): Promise<unknown> {
    const kind = projection.document?.kind;
    if (kind === undefined) return undefined;
    const shared = this.folded.get(`${kind}\u0000${networkId}`);
    if (shared?.version === version) return shared.doc;
    const owner = this.projections.find((p) => p.document?.kind === kind && p.document.stored);
    if (!owner || owner === projection) return undefined;
    const generation = (await this.readModels.rebuilds.status(owner.name)).activeGeneration;
    const row = await this.readModels.rows.row(owner.name, generation, networkId);
    return row && row.version === version && row.document !== '' ? JSON.parse(row.document) : undefined;
  }

  /** The document of a row stored without one (a rebuilt row): the stream folded up to its version. */
  private async refold(projection: NetworkProjection, networkId: string, toVersion: number): Promise<unknown> {
    let doc = projection.initial();
    for (let from = 1; from <= toVersion;) {
      const page = await this.store.readStream(networkStreamId(networkId), {
        fromVersion: from,
        toVersion,
        limit: REFOLD_PAGE,
      });
      if (page.length === 0) break;
      doc = projection.evolve(doc, toNetworkEvents(page));
      from = page[page.length - 1].version + 1;
    }
    return doc;
  }

  private remember(key: string, entry: CachedDoc): void {
    this.docs.delete(key);
    this.docs.set(key, entry);
    if (this.docs.size > ProjectionRunner.CACHE_SIZE) this.docs.delete(this.docs.keys().next().value as string);
  }

  forget(projection: string): void {
    for (const key of [...this.docs.keys()]) if (key.startsWith(`${projection}\u0000`)) this.docs.delete(key);
  }
}
