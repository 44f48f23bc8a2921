import { Text } from '../../../http/validators';
import { SessionFieldsDto } from '../record-session/session-fields.dto';

export class CorrectSessionDto extends SessionFieldsDto {
  @Text({ example: 'Se registraron 60 minutos de práctica compartida, fueron 45' })
  reason: string;
}
