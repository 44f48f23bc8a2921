import { LocalId } from '../../../http/validators';
import { SessionFieldsDto } from './session-fields.dto';

export class RecordSessionDto extends SessionFieldsDto {
  @LocalId({ required: false, example: '2024-05-session' })
  sessionId?: string;
}
