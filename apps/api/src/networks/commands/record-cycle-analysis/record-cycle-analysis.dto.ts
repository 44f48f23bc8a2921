import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length } from 'class-validator';
import {
  EVIDENCE_LEVELS,
  EvidenceLevel,
  LESSON_MAX_LENGTH,
  LESSON_MIN_LENGTH,
  LESSONS_LEARNED_MAX_ITEMS,
  PREDICTION_MET,
  PredictionMet,
} from '@indaga/domain';
import { DateOn, OneOf, Required, Text } from '../../../http/validators';

export class RecordCycleAnalysisDto {
  @Text({
    example: 'La comprensión subió en tres de cuatro cursos; el modelado funcionó mejor con textos informativos',
  })
  findings: string;

  @OneOf(EVIDENCE_LEVELS, { example: 'classroom' })
  evidenceLevel: EvidenceLevel;

  @OneOf(PREDICTION_MET, { required: false, example: 'partly' })
  predictionMet?: PredictionMet;

  @ApiProperty({
    type: [String],
    maxItems: LESSONS_LEARNED_MAX_ITEMS,
    example: ['Modelar antes de pedir lectura autónoma'],
  })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @Required()
  @IsArray()
  @ArrayMaxSize(LESSONS_LEARNED_MAX_ITEMS)
  @IsString({ each: true })
  @Length(LESSON_MIN_LENGTH, LESSON_MAX_LENGTH, {
    each: true,
    message: `each item of lessonsLearned must be ${LESSON_MIN_LENGTH}-${LESSON_MAX_LENGTH} characters after trimming`,
  })
  lessonsLearned: string[];

  @DateOn({ example: '2024-06-28' })
  analysedOn: string;
}
