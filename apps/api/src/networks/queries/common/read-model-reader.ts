import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { networkStreamId } from '@indaga/domain';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import {
  type PartRange,
  READ_MODEL_STORE,
  ReadModelRow,
  ReadModelRows,
  ReadModelStore,
  type TextParts,
  type ViewQuery,
} from '@indaga/projections';
import { ApiError } from '../../../http/api-error';

/** SPEC 3: `?minVersion=N` waits up to 5 s for the projection to reach N. */
export const MIN_VERSION_WAIT_MS = 5_000;
const POLL_MS = 20;

/** Projection-backed reads: the active generation's row (or a slice of it), optionally waiting for a version. */
@Injectable()
export class ReadModelReader {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** A typed query's answer from the parts of one network's row it reads, with the version they reflect. */
  async query<Args, Answer>(
    projection: string,
    networkId: string,
    query: ViewQuery<Args, Answer>,
    args: Args,
    minVersion?: number,
  ): Promise<{ version: number; answer: Answer }> {
    const { version, parts } = await this.parts(projection, networkId, query.parts(args), minVersion);
    return { version, answer: query.answer(parts, args) };
  }

  /** A typed query's answer for every network (or those of `filter`) of the active generation. */
  async queryAll<Args, Answer>(
    projection: string,
    query: ViewQuery<Args, Answer>,
    args: Args,
    filter: { networkId?: string; region?: string; updatedAt?: boolean } = {},
  ): Promise<Array<{ networkId: string; version: number; answer: Answer; updatedAt?: string }>> {
    const ranges = query.parts(args);
    // Rows are read with one range of parts each (see ReadModelRows.views).
    if (ranges.length !== 1) throw new Error('a query over every network reads one range of parts');
    const rows = await this.activeViews(projection, { ...filter, parts: ranges[0] });
    return rows.map(({ networkId, version, parts, updatedAt }) => ({
      networkId,
      version,
      answer: query.answer(parts, args),
      ...(updatedAt === undefined ? {} : { updatedAt }),
    }));
  }

  /** The parts of one network's view inside `ranges` (for several typed queries over one read). */
  parts(
    projection: string,
    networkId: string,
    ranges: readonly PartRange[],
    minVersion?: number,
  ): Promise<{ version: number; parts: TextParts }> {
    return this.awaitRow(projection, networkId, minVersion, (generation) =>
      this.readModels.rows.viewParts(projection, generation, networkId, ranges),
    );
  }

  /** The row's view (and with `document`, its history document when stored). */
  row(
    projection: string,
    networkId: string,
    minVersion?: number,
    options: { document?: boolean } = {},
  ): Promise<ReadModelRow> {
    return this.awaitRow(projection, networkId, minVersion, (generation) =>
      this.readModels.rows.row(projection, generation, networkId, { viewOnly: !options.document }),
    );
  }

  /**
   * The given networks' stream versions by networkId, one index lookup each;
   * undefined where the store cannot look them up cheaply (KurrentDB).
   */
  async streamVersions(networkIds: readonly string[]): Promise<Map<string, number> | undefined> {
    if (!this.store.streamVersions) return undefined;
    const versions = await this.store.streamVersions(networkIds.map(networkStreamId));
    return new Map(networkIds.map((id) => [id, versions.get(networkStreamId(id)) ?? 0]));
  }

  async activeViews(projection: string, filter: Parameters<ReadModelRows['views']>[2] = {}) {
    const { activeGeneration } = await this.readModels.rebuilds.status(projection);
    return this.readModels.rows.views(projection, activeGeneration, filter);
  }

  /** Reads the active generation's row until it reflects `minVersion` (5 s at most, then 503). */
  private async awaitRow<Row extends { version: number }>(
    projection: string,
    networkId: string,
    minVersion: number | undefined,
    read: (generation: number) => Promise<Row | undefined>,
  ): Promise<Row> {
    const deadline = Date.now() + MIN_VERSION_WAIT_MS;
    for (;;) {
      const { activeGeneration } = await this.readModels.rebuilds.status(projection);
      const row = await read(activeGeneration);
      if (row && (minVersion === undefined || row.version >= minVersion)) return row;
      if (!row && minVersion === undefined) return this.missing(networkId);
      if (Date.now() >= deadline) {
        throw new ApiError(
          'PROJECTION.BEHIND',
          `the ${projection} read model of ${networkId} is at version ${row?.version ?? 0}, not yet ${minVersion}`,
          {
            projection,
            version: row?.version ?? 0,
            minVersion,
          },
          { 'Retry-After': '1' },
        );
      }
      await sleep(POLL_MS);
    }
  }

  /** No row: either the network does not exist (404) or its projection has not caught up yet (503). */
  private async missing(networkId: string): Promise<never> {
    if ((await this.store.streamVersion(networkStreamId(networkId))) === 0) {
      throw new ApiError('NETWORK.NOT_FOUND', `network ${networkId} is not registered`);
    }
    throw new ApiError('PROJECTION.BEHIND', `network ${networkId} is not projected yet`, undefined, {
      'Retry-After': '1',
    });
  }
}
