import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { networkStreamId } from '@indaga/domain';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { READ_MODEL_STORE, ReadModelRow, ReadModelStore } from '@indaga/projections';
import { ApiError } from '../../http/api-error';

/** SPEC 3: `?minVersion=N` waits up to 5 s for the projection to reach N. */
export const MIN_VERSION_WAIT_MS = 5_000;
const POLL_MS = 20;

/** Projection-backed reads: the active generation's row, optionally waiting for a version. */
@Injectable()
export class ReadModelReader {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The row's view (and with `document`, its history document when stored). */
  async row(
    projection: string,
    networkId: string,
    minVersion?: number,
    options: { document?: boolean } = {},
  ): Promise<ReadModelRow> {
    const deadline = Date.now() + MIN_VERSION_WAIT_MS;
    for (;;) {
      const { activeGeneration } = await this.readModels.status(projection);
      const row = await this.readModels.row(projection, activeGeneration, networkId, { viewOnly: !options.document });
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

  async activeViews(projection: string, filter: Parameters<ReadModelStore['views']>[2] = {}) {
    const { activeGeneration } = await this.readModels.status(projection);
    return this.readModels.views(projection, activeGeneration, filter);
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
