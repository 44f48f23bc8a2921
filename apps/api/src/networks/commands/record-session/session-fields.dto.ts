import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import {
  ACTIVITY_KINDS,
  ActivityKind,
  Facilitator,
  FACILITATORS,
  MINUTES_MAX,
  MINUTES_MIN,
  SessionFields,
  sessionFieldsOf,
} from '@indaga/domain';
import { Count, DateOn, Nested, OneOf, SchoolIds, Text } from '../../../http/validators';

export class AttendanceDto {
  @Count({ example: 6 }) principals: number;
  @Count({ example: 5 }) utpHeads: number;
  @Count({ example: 12 }) teachers: number;
  @Count({ example: 1 }) sostenedorReps: number;
  @Count({ example: 1 }) supervisors: number;
}

export class ActivityDto {
  @OneOf(ACTIVITY_KINDS, { example: 'practice_sharing' })
  kind: ActivityKind;

  @Count({ min: MINUTES_MIN, max: MINUTES_MAX, example: 45 })
  minutes: number;

  @Text({ required: false, example: 'La escuela 10123 presenta su plan de lectura en voz alta' })
  summary?: string;
}

/** The fields of SessionHeld and SessionCorrected except sessionId (which comes from the body or the path). */
export class SessionFieldsDto {
  @DateOn({ example: '2024-05-14' })
  heldOn: string;

  @OneOf(FACILITATORS, { example: 'ministry_supervisor' })
  facilitator: Facilitator;

  @SchoolIds({ example: ['10123', '10456'] })
  schoolsPresent: string[];

  @ApiProperty({ type: AttendanceDto })
  @Nested(() => AttendanceDto)
  attendance: AttendanceDto;

  @ApiProperty({ type: [ActivityDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1, { message: 'activities must list at least one activity' })
  @ArrayMaxSize(50)
  @Nested(() => ActivityDto, { each: true })
  activities: ActivityDto[];
}

/** The request's session, its known fields only (the domain's one copy of a session). */
export function toSessionFields(sessionId: string, dto: SessionFieldsDto): SessionFields {
  return sessionFieldsOf({ ...dto, sessionId });
}
