import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import {
  COUNT_MAX,
  COUNT_MIN,
  isCalendarDate,
  LOCAL_ID_PATTERN,
  SCHOOL_ID_PATTERN,
  TEXT_MAX_LENGTH,
  TEXT_MIN_LENGTH,
} from '@indaga/domain';

/**
 * Composed validation decorators for the value rules of SPEC section 1, so
 * each DTO field reads as its rule. The rules themselves (patterns, lengths,
 * ranges) come from @indaga/domain.
 */

/** Free text is trimmed before it is checked and stored. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Required fields say so first (with stopAtFirstError, a missing field gets this one message). */
export const Required = () => IsDefined({ message: '$property is required' });
const optional = (required: boolean) => (required ? [Required()] : [IsOptional()]);
const doc = (required: boolean, options: Record<string, unknown>) =>
  required ? ApiProperty(options) : ApiPropertyOptional(options);

export function Text(options: { required?: boolean; max?: number; example?: string } = {}) {
  const required = options.required ?? true;
  const max = options.max ?? TEXT_MAX_LENGTH;
  return applyDecorators(
    doc(required, { type: String, minLength: TEXT_MIN_LENGTH, maxLength: max, example: options.example }),
    ...optional(required),
    Trim(),
    IsString(),
    Length(TEXT_MIN_LENGTH, max, { message: `$property must be ${TEXT_MIN_LENGTH}-${max} characters after trimming` }),
  );
}

export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => isCalendarDate(value),
      defaultMessage: () => '$property must be a real calendar date YYYY-MM-DD',
    },
  });

export function DateOn(options: { required?: boolean; example?: string } = {}) {
  const required = options.required ?? true;
  return applyDecorators(
    doc(required, { type: String, format: 'date', example: options.example ?? '2024-05-14' }),
    ...optional(required),
    IsCalendarDate(),
  );
}

export function Count(options: { min?: number; max?: number; example?: number } = {}) {
  const min = options.min ?? COUNT_MIN;
  const max = options.max ?? COUNT_MAX;
  return applyDecorators(
    ApiProperty({ type: Number, minimum: min, maximum: max, example: options.example ?? 0 }),
    Required(),
    IsInt({ message: '$property must be an integer' }),
    Min(min),
    Max(max),
  );
}

export function OneOf(values: readonly string[], options: { required?: boolean; example?: string } = {}) {
  const required = options.required ?? true;
  return applyDecorators(
    doc(required, { enum: values, example: options.example ?? values[0] }),
    ...optional(required),
    IsIn(values, { message: `$property must be one of: ${values.join(', ')}` }),
  );
}

export function LocalId(options: { required?: boolean; example?: string } = {}) {
  const required = options.required ?? true;
  return applyDecorators(
    doc(required, { type: String, pattern: LOCAL_ID_PATTERN.source, example: options.example }),
    ...optional(required),
    IsString(),
    Matches(LOCAL_ID_PATTERN, { message: `$property must match ${LOCAL_ID_PATTERN.source}` }),
  );
}

/** A non-empty list of distinct schoolIds. */
export function SchoolIds(options: { example?: string[] } = {}) {
  return applyDecorators(
    ApiProperty({ type: [String], minItems: 1, maxItems: 64, example: options.example ?? ['10123', '10456'] }),
    Required(),
    IsArray(),
    ArrayMinSize(1, { message: '$property must name at least one school' }),
    ArrayMaxSize(64),
    IsString({ each: true }),
    Matches(SCHOOL_ID_PATTERN, {
      each: true,
      message: `each value in $property must match ${SCHOOL_ID_PATTERN.source}`,
    }),
    ValidateBy({
      name: 'distinctValues',
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || new Set(value).size === value.length,
        defaultMessage: () => '$property must not repeat a school',
      },
    }),
  );
}

/** A nested object (or array of them) validated as the given DTO class. */
export function Nested(type: () => new () => object, options: { each?: boolean } = {}) {
  return applyDecorators(
    Required(),
    ValidateNested({ each: options.each }),
    Type(type),
    ValidateBy({
      name: 'isObject',
      validator: {
        validate: (value: unknown) =>
          options.each ? Array.isArray(value) && value.every(isPlainObject) : isPlainObject(value),
        defaultMessage: () => (options.each ? '$property must be an array of objects' : '$property must be an object'),
      },
    }),
  );
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
