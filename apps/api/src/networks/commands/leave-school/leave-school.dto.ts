import { DateOn, Text } from '../../../http/validators';

export class LeaveSchoolDto {
  @DateOn({ example: '2018-12-20' })
  leftOn: string;

  @Text({ required: false, example: 'Se integra a otra red territorial' })
  reason?: string;
}
