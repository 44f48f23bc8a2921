import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { COHORT_KEYS, CohortKey } from '@indaga/domain';
import { PeriodQuery } from '../../networks/history/history.dto';

export class CohortsQuery extends PeriodQuery {
  @ApiPropertyOptional({
    enum: COHORT_KEYS,
    default: 'region',
    description:
      "region, or the members' zone / dependency at each period's end (mixed when they differ, none without members)",
    example: 'zone',
  })
  @IsOptional()
  @IsIn(COHORT_KEYS, { message: `by must be one of: ${COHORT_KEYS.join(', ')}` })
  by?: CohortKey;
}
