import { Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { networkStreamId } from '@indaga/domain';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { Access, ANALYSTS } from '../auth/access.decorator';
import { AccessLogged } from '../audit/access-logged.decorator';
import { ApiError } from '../http/api-error';
import { csvStream } from './csv-export';
import { TextOpener } from '@indaga/platform';
import { eventsNdjson } from './events-export';
import { exportDisposition } from './export-file-name';
import { ExportTables, INDICATOR_COLUMNS, TRAJECTORY_COLUMNS } from './export-tables';
import { EventsExportQuery, TableExportQuery } from './exports.query.dto';

const CSV = 'text/csv; charset=utf-8; header=present';

/** SPEC 5.5: files researchers open in R, Stata, pandas or a spreadsheet, reproducible with `asOf`. */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('v1/exports')
@Access(ANALYSTS)
@AccessLogged({ networkIdIn: 'query' })
export class ExportsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly tables: ExportTables,
    private readonly opener: TextOpener,
  ) {}

  @Get('events.ndjson')
  @ApiOperation({
    summary: 'Every event (one network, or the whole log in position order), one JSON object a line, streamed',
  })
  @ApiProduces('application/x-ndjson')
  async events(@Query() query: EventsExportQuery): Promise<StreamableFile> {
    if (query.networkId !== undefined && (await this.store.streamVersion(networkStreamId(query.networkId))) === 0)
      throw new ApiError('NETWORK.NOT_FOUND', `network ${query.networkId} is not registered`);
    return new StreamableFile(eventsNdjson(this.store, query, this.opener), {
      type: 'application/x-ndjson; charset=utf-8',
      disposition: exportDisposition('events', query.networkId ?? 'all', query.asOf, 'ndjson'),
    });
  }

  @Get('trajectories.csv')
  @ApiOperation({ summary: 'One row per network and period: level, cooperation index, shares, minutes, joint actions' })
  @ApiProduces('text/csv')
  trajectories(@Query() query: TableExportQuery): StreamableFile {
    const period = query.period ?? 'quarter';
    return new StreamableFile(
      csvStream(TRAJECTORY_COLUMNS, this.tables.trajectoryRows(period, query.asOf), { bom: query.bom === 'true' }),
      {
        type: CSV,
        disposition: exportDisposition('trajectories', period, query.asOf, 'csv'),
      },
    );
  }

  @Get('indicators.csv')
  @ApiOperation({ summary: 'One row per network and period: every depth and leadership indicator' })
  @ApiProduces('text/csv')
  indicators(@Query() query: TableExportQuery): StreamableFile {
    const period = query.period ?? 'quarter';
    return new StreamableFile(
      csvStream(INDICATOR_COLUMNS, this.tables.indicatorRows(period, query.asOf), { bom: query.bom === 'true' }),
      {
        type: CSV,
        disposition: exportDisposition('indicators', period, query.asOf, 'csv'),
      },
    );
  }
}
