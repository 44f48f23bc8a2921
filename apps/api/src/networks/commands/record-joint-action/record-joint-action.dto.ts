import { DEPTH_LEVELS, DepthLevel } from '@indaga/domain';
import { Count, DateOn, LocalId, OneOf, SchoolIds, Text } from '../../../http/validators';

export class RecordJointActionDto {
  @LocalId({ required: false, example: 'visita-aula-1' })
  actionId?: string;

  @Text({ example: 'Observación de aula cruzada entre escuelas' })
  title: string;

  @SchoolIds({ example: ['10123', '10456'] })
  schools: string[];

  @OneOf(DEPTH_LEVELS, { example: 'classroom' })
  depthReached: DepthLevel;

  @Count({ example: 4 })
  classroomsReached: number;

  @Count({ example: 6 })
  teachersInvolved: number;

  @DateOn({ example: '2024-05-20' })
  carriedOutOn: string;
}
