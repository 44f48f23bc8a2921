import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SIGNAL_MEASURES, SignalMeasure } from '@indaga/domain';
import { PeriodQuery } from '../../networks/history/history.dto';
import { AsOf } from '../common/analysis-query.decorators';

export class SignalsQuery extends PeriodQuery {
  @ApiPropertyOptional({
    enum: SIGNAL_MEASURES,
    default: 'cooperationIndex',
    description:
      'cooperationIndex (practice), depthIndex, schoolReach, tieDensity (depth), sostenedorPresence, schoolAttendance (leadership)',
    example: 'cooperationIndex',
  })
  @IsOptional()
  @IsIn(SIGNAL_MEASURES, { message: `measure must be one of: ${SIGNAL_MEASURES.join(', ')}` })
  measure?: SignalMeasure;

  @AsOf()
  asOf?: string;
}
