import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { NETWORK_ID_PATTERN } from '@indaga/domain';
import { ROLES, Role } from './principal';
import { Trim } from '../http/validators';

export class CreateTokenDto {
  @ApiProperty({ enum: ROLES, example: 'network' })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ example: 'red-maule-sur', description: 'required for (and only for) the network role' })
  @ValidateIf((o: CreateTokenDto) => o.role === 'network' || o.networkId !== undefined)
  @IsString()
  @Matches(NETWORK_ID_PATTERN, {
    message: 'networkId must match ^[a-z0-9][a-z0-9-]{2,63}$ (required for the network role)',
  })
  networkId?: string;

  @ApiPropertyOptional({ example: 'UTP Escuela Los Aromos' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  label?: string;
}
