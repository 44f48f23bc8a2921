import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type ExplanationLanguage, networkStreamId } from '@indaga/domain';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { Access, ANALYSTS, NETWORK_READ } from '../../auth/access.decorator';
import { AccessLogged } from '../../audit/access-logged.decorator';
import { ApiError } from '../../http/api-error';
import { inLanguage, Language } from '../../http/language';
import { NetworkIdParam } from '../../http/path-params';
import { validationFailed } from '../../http/validation';
import { givenThresholds } from '../../analyses/common/analysis-query.decorators';
import { historyAsHappened, stateAnswer } from '../../analyses/state/state-answer';
import { StateAnalysisQuery } from '../../analyses/state/state.query.dto';
import { GlobalLogQuery, StreamPageQuery } from './history.dto';
import { HistoryReader } from './history-reader';
import { logEvent } from './log-event';

/** Analysts replay history straight from the event store (SPEC section 3). */
@ApiTags('history')
@ApiBearerAuth()
@Controller('v1')
export class HistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: HistoryReader,
  ) {}

  /** A network's stream in version order; `next` is the fromVersion of the next page, null at the end. */
  @Get('networks/:networkId/events')
  @Access(NETWORK_READ)
  @AccessLogged()
  async streamEvents(@NetworkIdParam() networkId: string, @Query() query: StreamPageQuery) {
    const fromVersion = query.fromVersion ?? 1;
    const limit = query.limit ?? 100;
    const streamId = networkStreamId(networkId);
    const events = await this.store.readStream(streamId, { fromVersion, limit: limit + 1 });
    if (events.length === 0 && (await this.store.streamVersion(streamId)) === 0) {
      throw new ApiError('NETWORK.NOT_FOUND', `network ${networkId} is not registered`);
    }
    const page = events.slice(0, limit);
    return {
      networkId,
      events: page.map(({ position, version, type, data, metadata }) => ({ position, version, type, data, metadata })),
      next: events.length > limit ? page[page.length - 1].version + 1 : null,
    };
  }

  /** The global log in position order (gap-safe); `next` is the `after` of the next call. */
  @Get('events')
  @Access(ANALYSTS)
  @AccessLogged()
  async globalLog(@Query() query: GlobalLogQuery) {
    const after = query.after ?? 0;
    const events = await this.store.readAll({ after, limit: query.limit ?? 1000 });
    return {
      events: events.map(logEvent),
      next: events.length > 0 ? events[events.length - 1].position : after,
    };
  }

  /** The network as the service knew it at `asOf` or right after `version`. */
  @Get('networks/:networkId/state')
  @Access(NETWORK_READ)
  @AccessLogged()
  async state(
    @NetworkIdParam() networkId: string,
    @Query() query: StateAnalysisQuery,
    @Language() language: ExplanationLanguage,
  ) {
    if (query.asOf !== undefined && query.version !== undefined) {
      throw validationFailed([{ field: 'asOf', message: 'give asOf or version, not both' }]);
    }
    if (query.on !== undefined && query.version !== undefined) {
      throw validationFailed([{ field: 'on', message: 'on goes with asOf, not version' }]);
    }
    // SPEC 5.6 (`on`, as it happened) and 5.3 (thresholds): see apps/api/src/analyses/state.
    const options = {
      period: query.period ?? 'quarter',
      asOf: query.asOf,
      on: query.on,
      thresholds: givenThresholds(query),
    };
    const { version, history } =
      query.on === undefined
        ? await this.reader.at(networkId, { version: query.version, asOf: query.asOf })
        : await historyAsHappened(this.store, networkId, query.on, query.asOf);
    const answer = stateAnswer(networkId, version, history, options);
    return { ...answer, trajectory: inLanguage(answer.trajectory, language) };
  }
}
