import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { PeriodQuery } from '../history/history.dto';

export class MinVersionQuery {
  @ApiPropertyOptional({ minimum: 1, description: 'wait up to 5 s for the read model to reflect this stream version (else 503 PROJECTION.BEHIND)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  minVersion?: number;
}

export class PeriodViewQuery extends PeriodQuery {
  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  minVersion?: number;
}

export class OverviewQuery extends PeriodQuery {
  @ApiPropertyOptional({ example: 'Maule' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  region?: string;
}
