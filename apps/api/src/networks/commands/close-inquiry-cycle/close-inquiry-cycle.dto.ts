import { Decision, DECISIONS } from '@indaga/domain';
import { DateOn, OneOf } from '../../../http/validators';

export class CloseInquiryCycleDto {
  @OneOf(DECISIONS, { example: 'spread' })
  decision: Decision;

  @DateOn({ example: '2024-07-05' })
  closedOn: string;
}
