import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { NETWORK_ID_PATTERN } from '@indaga/domain';
import { PeriodQuery } from '../networks/history/history.dto';
import { AsOf } from '../analyses/common/analysis-query.decorators';

export class EventsExportQuery {
  @ApiPropertyOptional({
    description: 'one network’s stream; all networks in position order without it',
    example: 'red-maule-sur',
  })
  @IsOptional()
  @Matches(NETWORK_ID_PATTERN, { message: `networkId must match ${NETWORK_ID_PATTERN.source}` })
  networkId?: string;

  @AsOf()
  asOf?: string;
}

export class TableExportQuery extends PeriodQuery {
  @AsOf()
  asOf?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'prefix a UTF-8 byte-order mark (for spreadsheet programs)',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'bom must be true or false' })
  bom?: 'true' | 'false';
}
