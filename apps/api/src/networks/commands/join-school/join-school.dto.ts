import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches } from 'class-validator';
import { DEPENDENCIES, Dependency, LEVELS, SCHOOL_ID_PATTERN, SchoolLevel, Zone, ZONES } from '@indaga/domain';
import { DateOn, OneOf, Required, Text } from '../../../http/validators';

export class JoinSchoolDto {
  @ApiProperty({ pattern: SCHOOL_ID_PATTERN.source, example: '10123', description: 'the RBD' })
  @Required()
  @IsString()
  @Matches(SCHOOL_ID_PATTERN, { message: `schoolId must match ${SCHOOL_ID_PATTERN.source}` })
  schoolId: string;

  @Text({ example: 'Escuela Los Aromos' })
  name: string;

  @OneOf(DEPENDENCIES, { example: 'slep' })
  dependency: Dependency;

  @OneOf(ZONES, { example: 'rural' })
  zone: Zone;

  @ApiProperty({ enum: LEVELS, isArray: true, example: ['basic'] })
  @Required()
  @IsArray()
  @ArrayMinSize(1, { message: 'levels must list at least one level' })
  @ArrayMaxSize(LEVELS.length)
  @IsIn(LEVELS, { each: true, message: `each value in levels must be one of: ${LEVELS.join(', ')}` })
  levels: SchoolLevel[];

  @DateOn({ example: '2016-03-01' })
  joinedOn: string;
}
