import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_THRESHOLDS, LevelThresholds } from '@indaga/domain';
import { IsCalendarDate } from '../../http/validators';

/**
 * Query decorators shared by the analyses (SPEC section 5). Query strings
 * arrive as text: an empty or non-numeric value becomes NaN, so it is
 * refused (400 naming the parameter) instead of read as 0.
 */
const toNumber = () =>
  Transform(({ value }) => (typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value)) : value));

/** Said in Swagger wherever either appears, because the two times are easy to confuse (SPEC 5.6). */
export const AS_OF_DESCRIPTION =
  'As recorded: an ISO timestamp; only the events the service had received by then count (a figure published from it can be regenerated later). Not the same as `on`.';
export const ON_DESCRIPTION =
  'As it happened: a date YYYY-MM-DD; only facts whose real-world date (joinedOn, heldOn, carriedOutOn, …) is on or before it count. Corrections and withdrawals recorded (within `asOf`) apply whatever `on` is. Not the same as `asOf`.';

export const AsOf = () =>
  applyDecorators(
    ApiPropertyOptional({ description: AS_OF_DESCRIPTION, example: '2019-09-01T00:00:00Z' }),
    IsOptional(),
    IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 timestamp' }),
  );

export const On = () =>
  applyDecorators(
    ApiPropertyOptional({ description: ON_DESCRIPTION, format: 'date', example: '2019-06-30' }),
    IsOptional(),
    IsCalendarDate(),
  );

export const DateBound = (description: string, example: string) =>
  applyDecorators(ApiPropertyOptional({ description, format: 'date', example }), IsOptional(), IsCalendarDate());

export const ShareThreshold = (name: keyof LevelThresholds, description: string, example: number) =>
  applyDecorators(
    ApiPropertyOptional({
      type: Number,
      minimum: 0,
      maximum: 1,
      default: DEFAULT_THRESHOLDS[name],
      description,
      example,
    }),
    IsOptional(),
    toNumber(),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: `${name} must be a number from 0 to 1` }),
    Min(0, { message: `${name} must be a number from 0 to 1` }),
    Max(1, { message: `${name} must be a number from 0 to 1` }),
  );

export const CountThreshold = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: Number,
      minimum: 0,
      maximum: 100,
      default: DEFAULT_THRESHOLDS.minMultiSchoolJointActions,
      description: 'cooperative needs at least this many joint actions with two or more schools in the period',
      example: 2,
    }),
    IsOptional(),
    toNumber(),
    IsInt({ message: 'minMultiSchoolJointActions must be an integer from 0 to 100' }),
    Min(0, { message: 'minMultiSchoolJointActions must be an integer from 0 to 100' }),
    Max(100, { message: 'minMultiSchoolJointActions must be an integer from 0 to 100' }),
  );

export const COOPERATIVE_SHARE_DOC = 'cooperative needs at least this share of cooperative minutes';
export const COLLABORATIVE_SHARE_DOC = 'collaborative needs at least this share of collaborative + cooperative minutes';

/** The thresholds when any was given (the rest at their defaults), else undefined: the read model answers. */
export function givenThresholds(query: Partial<LevelThresholds>): LevelThresholds | undefined {
  const { cooperativeShare, collaborativeShare, minMultiSchoolJointActions } = query;
  if (cooperativeShare === undefined && collaborativeShare === undefined && minMultiSchoolJointActions === undefined)
    return undefined;
  return {
    cooperativeShare: cooperativeShare ?? DEFAULT_THRESHOLDS.cooperativeShare,
    collaborativeShare: collaborativeShare ?? DEFAULT_THRESHOLDS.collaborativeShare,
    minMultiSchoolJointActions: minMultiSchoolJointActions ?? DEFAULT_THRESHOLDS.minMultiSchoolJointActions,
  };
}
