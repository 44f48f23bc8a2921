import { Text } from '../../../http/validators';

export class WithdrawSessionDto {
  @Text({ example: 'Sesión registrada dos veces por error' })
  reason: string;
}
