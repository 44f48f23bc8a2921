import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { Required, Text } from '../../../http/validators';

/** At most this many versions in one redaction (use "all" for a whole network). */
export const REDACTION_MAX_VERSIONS = 10_000;

const isVersions = (value: unknown): boolean =>
  value === 'all' ||
  (Array.isArray(value) &&
    value.length > 0 &&
    value.length <= REDACTION_MAX_VERSIONS &&
    value.every((v) => Number.isSafeInteger(v) && (v as number) >= 1));

export class RedactTextDto {
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, maxItems: REDACTION_MAX_VERSIONS },
      { type: 'string', enum: ['all'] },
    ],
    example: [12, 15],
    description: 'The stream versions whose free text is erased, or "all" (every event of the network so far).',
  })
  @Required()
  @ValidateBy({
    name: 'isVersions',
    validator: {
      validate: isVersions,
      defaultMessage: () =>
        `versions must be "all" or a list of 1-${REDACTION_MAX_VERSIONS} stream versions (integers of at least 1)`,
    },
  })
  versions: number[] | 'all';

  @Text({ example: 'Solicitud de supresión de la apoderada (Ley 21.719)' })
  reason: string;
}
