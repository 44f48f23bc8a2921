import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PeriodQuery } from '../../history/history.dto';

export class OverviewQuery extends PeriodQuery {
  @ApiPropertyOptional({ example: 'Maule' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  region?: string;
}
