import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { NETWORK_ID_PATTERN } from '@indaga/domain';
import { DateOn, Required, Text } from '../../../http/validators';

export class RegisterNetworkDto {
  @ApiProperty({ pattern: NETWORK_ID_PATTERN.source, example: 'red-maule-sur' })
  @Required()
  @IsString()
  @Matches(NETWORK_ID_PATTERN, { message: `networkId must match ${NETWORK_ID_PATTERN.source}` })
  networkId: string;

  @Text({ example: 'Red de Mejoramiento Escolar Maule Sur' })
  name: string;

  @Text({ max: 200, example: 'Maule' })
  region: string;

  @Text({ required: false, max: 200, example: 'Talca' })
  commune?: string;

  @DateOn({ example: '2016-03-01' })
  registeredOn: string;
}
