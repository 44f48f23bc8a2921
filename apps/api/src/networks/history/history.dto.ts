import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { Period, PERIODS } from '@indaga/domain';

export const MAX_PAGE = 1_000;

/**
 * An optional integer query parameter (query strings arrive as text). Bounded
 * by 2^53 - 1 when no smaller bound is given: past it a number is no longer
 * exact (9007199254740993 reads as ...992), and the store refused it with a 500.
 */
export const IntQuery = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );

export class StreamPageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IntQuery(1)
  fromVersion?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 100 })
  @IntQuery(1, MAX_PAGE)
  limit?: number;
}

export class GlobalLogQuery {
  @ApiPropertyOptional({
    minimum: 0,
    default: 0,
    description: 'answer events with a position strictly greater than this',
  })
  @IntQuery(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1000 })
  @IntQuery(1, MAX_PAGE)
  limit?: number;
}

export class PeriodQuery {
  @ApiPropertyOptional({ enum: PERIODS, default: 'quarter' })
  @IsOptional()
  @IsIn(PERIODS, { message: `period must be one of: ${PERIODS.join(', ')}` })
  period?: Period;
}

export class StateQuery extends PeriodQuery {
  @ApiPropertyOptional({
    description: 'ISO timestamp: the state as the service knew it then',
    example: '2024-06-30T23:59:59Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 timestamp' })
  asOf?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'the state right after this stream version' })
  @IntQuery(1)
  version?: number;
}
