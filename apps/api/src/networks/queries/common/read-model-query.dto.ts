import { ApiPropertyOptional } from '@nestjs/swagger';
import { IntQuery, PeriodQuery } from '../../history/history.dto';

const MIN_VERSION_DOC = {
  minimum: 1,
  description: 'wait up to 5 s for the read model to reflect this stream version (else 503 PROJECTION.BEHIND)',
};

export class MinVersionQuery {
  @ApiPropertyOptional(MIN_VERSION_DOC)
  @IntQuery(1)
  minVersion?: number;
}

export class PeriodViewQuery extends PeriodQuery {
  @ApiPropertyOptional(MIN_VERSION_DOC)
  @IntQuery(1)
  minVersion?: number;
}
