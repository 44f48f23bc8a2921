import { Inject, Injectable } from '@nestjs/common';
import {
  DepthIndicators,
  Indicators,
  indicators,
  LeadershipIndicators,
  NETWORK_STREAM_PREFIX,
  Period,
  Trajectory,
  trajectory,
} from '@indaga/domain';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import {
  indicatorsQuery,
  networkQuery,
  networkStreamHeads,
  networkViewsProjection,
  type TextParts,
  trajectoryQuery,
} from '@indaga/projections';
import { ApiError } from '../http/api-error';
import { HistoryReader } from '../networks/history/history-reader';
import { ReadModelReader } from '../networks/queries/common/read-model-reader';

/** SPEC 5.5's columns, in its order (depth and leadership as section 2 lists them). */
export const TRAJECTORY_COLUMNS = [
  'networkId',
  'networkName',
  'region',
  'period',
  'level',
  'cooperationIndex',
  'informativeShare',
  'collaborativeShare',
  'cooperativeShare',
  'totalMinutes',
  'multiSchoolJointActions',
] as const;
const DEPTH_COLUMNS: ReadonlyArray<keyof DepthIndicators> = [
  'schoolReach',
  'depthIndex',
  'classroomPracticeReach',
  'tieDensity',
  'classroomsReached',
  'teachersInvolved',
  'cyclesOpened',
  'jointActions',
  'analysesRecorded',
  'cycleCompletionRate',
  'classroomEvidenceRate',
  'innovationCycleShare',
];
const LEADERSHIP_COLUMNS: ReadonlyArray<keyof LeadershipIndicators> = [
  'sessions',
  'sostenedorPresence',
  'schoolAttendance',
  'memberLedShare',
  'trainingMinutes',
];
export const INDICATOR_COLUMNS = [
  'networkId',
  'networkName',
  'region',
  'period',
  ...DEPTH_COLUMNS,
  ...LEADERSHIP_COLUMNS,
];

interface NetworkTables {
  networkId: string;
  name: string | null;
  region: string | null;
  trajectory: Trajectory;
  indicators: Indicators;
}

type Row = Record<string, unknown>;

/**
 * The rows of trajectories.csv and indicators.csv, network by network in
 * networkId order (one network's figures in memory at a time). Now: from the
 * network-views read model (what the JSON endpoints answer); with `asOf`:
 * folded from the events recorded by then, as GET /state?asOf= does.
 */
@Injectable()
export class ExportTables {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelReader,
    private readonly history: HistoryReader,
  ) {}

  async *trajectoryRows(period: Period, asOf?: string): AsyncGenerator<Row> {
    for await (const n of this.networks(period, asOf)) {
      for (const p of n.trajectory.periods) {
        yield {
          networkId: n.networkId,
          networkName: n.name,
          region: n.region,
          period: p.period,
          level: p.level,
          cooperationIndex: p.cooperationIndex,
          informativeShare: p.shares.informative,
          collaborativeShare: p.shares.collaborative,
          cooperativeShare: p.shares.cooperative,
          totalMinutes: p.minutes.informative + p.minutes.collaborative + p.minutes.cooperative,
          multiSchoolJointActions: p.multiSchoolJointActions,
        };
      }
    }
  }

  async *indicatorRows(period: Period, asOf?: string): AsyncGenerator<Row> {
    for await (const n of this.networks(period, asOf)) {
      for (const p of n.indicators.periods) {
        const row: Row = { networkId: n.networkId, networkName: n.name, region: n.region, period: p.period };
        for (const c of DEPTH_COLUMNS) row[c] = p.depth[c];
        for (const c of LEADERSHIP_COLUMNS) row[c] = p.leadership[c];
        yield row;
      }
    }
  }

  private async *networks(period: Period, asOf?: string): AsyncGenerator<NetworkTables> {
    const ids = (await networkStreamHeads(this.store))
      .map((h) => h.streamId.slice(NETWORK_STREAM_PREFIX.length))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const networkId of ids) {
      const tables =
        asOf === undefined ? await this.projected(networkId, period) : await this.replayed(networkId, period, asOf);
      if (tables) yield tables;
    }
  }

  private async projected(networkId: string, period: Period): Promise<NetworkTables | undefined> {
    // One read of the row's parts that the three typed queries answer from (not the other periods).
    const ranges = [...networkQuery.parts(), ...trajectoryQuery.parts(period), ...indicatorsQuery.parts(period)];
    let parts: TextParts;
    try {
      ({ parts } = await this.readModels.parts(networkViewsProjection.name, networkId, ranges));
    } catch (err) {
      // Not projected yet (a network registered a moment ago): its events say the same.
      if (err instanceof ApiError && err.code === 'PROJECTION.BEHIND') return this.replayed(networkId, period);
      throw err;
    }
    const network = networkQuery.answer(parts);
    return {
      networkId,
      name: network.name,
      region: network.region,
      trajectory: trajectoryQuery.answer(parts, period),
      indicators: indicatorsQuery.answer(parts, period),
    };
  }

  private async replayed(networkId: string, period: Period, asOf?: string): Promise<NetworkTables | undefined> {
    try {
      const { history } = await this.history.at(networkId, { asOf });
      return {
        networkId,
        name: history.name,
        region: history.region,
        trajectory: trajectory(history, period),
        indicators: indicators(history, period),
      };
    } catch (err) {
      // A network registered after asOf is not in the export.
      if (err instanceof ApiError && err.code === 'NETWORK.NOT_FOUND') return undefined;
      throw err;
    }
  }
}
