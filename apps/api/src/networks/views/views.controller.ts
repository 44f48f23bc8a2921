import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { cycleView, type ExplanationLanguage, NetworkHistory, trajectory } from '@indaga/domain';
import {
  entriesOfPart,
  NetworkViews,
  networkViewsProjection,
  OVERVIEW_ENTRIES_PART,
  OverviewEntry,
  overviewProjection,
} from '@indaga/projections';
import { Access, ANY_ROLE, NETWORK_READ } from '../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../auth/auth.guard';
import { ApiError } from '../../http/api-error';
import { inLanguage, Language } from '../../http/language';
import { LocalIdParam, NetworkIdParam } from '../../http/path-params';
import { givenThresholds } from '../../analyses/common/analysis-query.decorators';
import { TrajectoryQuery } from '../../analyses/state/state.query.dto';
import { HistoryReader } from '../history/history-reader';
import { ReadModelReader } from './read-model-reader';
import { overviewLine } from './overview-line';
import { regionMatches } from './region-match';
import { MinVersionQuery, OverviewQuery, PeriodViewQuery } from './views.dto';

/** The overview's entries only, not the aggregates filed beside them for the analyses. */
const ENTRIES = { parts: [OVERVIEW_ENTRIES_PART, OVERVIEW_ENTRIES_PART] as [number, number] };

/** Projection-backed reads of SPEC section 3; each answers the stream version it reflects. */
@ApiTags('networks')
@ApiBearerAuth()
@Controller('v1')
export class ViewsController {
  constructor(
    private readonly reader: ReadModelReader,
    private readonly history: HistoryReader,
  ) {}

  @Get('networks')
  @Access(ANY_ROLE)
  async list(@Req() req: AuthenticatedRequest) {
    const own = req.principal.role === 'network' ? req.principal.networkId : undefined;
    const rows = await this.reader.activeViews(overviewProjection.name, {
      ...(own ? { networkId: own } : {}),
      ...ENTRIES,
    });
    return rows.map(({ networkId, version, view }) => {
      const quarter = entriesOfPart<Record<string, OverviewEntry>>(view).quarter;
      return {
        networkId,
        name: quarter.name,
        region: quarter.region,
        schools: quarter.schools,
        currentLevel: quarter.level,
        version,
      };
    });
  }

  @Get('networks/:networkId')
  @Access(NETWORK_READ)
  async network(@NetworkIdParam() networkId: string, @Query() query: MinVersionQuery) {
    const row = await this.reader.row(networkViewsProjection.name, networkId, query.minVersion);
    return (JSON.parse(row.view) as NetworkViews).network;
  }

  @Get('networks/:networkId/trajectory')
  @Access(NETWORK_READ)
  async trajectory(
    @NetworkIdParam() networkId: string,
    @Query() query: TrajectoryQuery,
    @Language() language: ExplanationLanguage,
  ) {
    // With thresholds (SPEC 5.3) the answer is computed from the stream, not the read model.
    const thresholds = givenThresholds(query);
    if (thresholds) {
      const { version, history } = await this.history.at(networkId);
      const computed = { networkId, version, ...trajectory(history, query.period ?? 'quarter', thresholds) };
      return { ...inLanguage(computed, language), thresholds };
    }
    const row = await this.reader.row(networkViewsProjection.name, networkId, query.minVersion);
    return inLanguage(
      {
        networkId,
        version: row.version,
        ...(JSON.parse(row.view) as NetworkViews).trajectory[query.period ?? 'quarter'],
      },
      language,
    );
  }

  @Get('networks/:networkId/indicators')
  @Access(NETWORK_READ)
  async indicators(@NetworkIdParam() networkId: string, @Query() query: PeriodViewQuery) {
    const row = await this.reader.row(networkViewsProjection.name, networkId, query.minVersion);
    return {
      networkId,
      version: row.version,
      ...(JSON.parse(row.view) as NetworkViews).indicators[query.period ?? 'quarter'],
    };
  }

  @Get('networks/:networkId/cycles/:cycleId')
  @Access(NETWORK_READ)
  async cycle(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('cycleId') cycleId: string,
    @Query() query: MinVersionQuery,
  ) {
    const row = await this.reader.row(networkViewsProjection.name, networkId, query.minVersion, { document: true });
    // A row written by a rebuild holds no document until its next catch-up: fold the stream to the row's version.
    const history = row.document
      ? (JSON.parse(row.document) as NetworkHistory)
      : (await this.history.at(networkId, { version: row.version })).history;
    const cycle = cycleView(history, cycleId);
    if (!cycle) throw new ApiError('CYCLE.NOT_FOUND', `network ${networkId} has no cycle ${cycleId}`);
    return { networkId, version: row.version, ...cycle };
  }

  /** Every network for analysts; a network token sees its own line only (as in GET /v1/networks). */
  @Get('overview')
  @Access(ANY_ROLE)
  async overview(@Query() query: OverviewQuery, @Req() req: AuthenticatedRequest) {
    const period = query.period ?? 'quarter';
    const own = req.principal.role === 'network' ? req.principal.networkId : undefined;
    // The region is compared folded (case and accents), so it is filtered here rather than by the store's equality.
    const rows = await this.reader.activeViews(overviewProjection.name, {
      ...(own ? { networkId: own } : {}),
      ...ENTRIES,
      updatedAt: true,
    });
    // Read after the rows, so a stream is never behind its row: the lag is what the row does not reflect yet.
    const streams = await this.reader.streamVersions(rows.map((r) => r.networkId));
    const entries = rows.map((row) => overviewLine(row, period, streams));
    const inRegion = query.region ? regionMatches(query.region) : undefined;
    return {
      period,
      ...(query.region ? { region: query.region } : {}),
      networks: inRegion ? entries.filter((e) => inRegion(e.region)) : entries,
    };
  }
}
