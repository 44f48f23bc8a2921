import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ADMIN_ONLY } from '../../../auth/access.decorator';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { RegisterNetworkDto } from './register-network.dto';

@ApiTags('networks')
@ApiBearerAuth()
@Controller('v1/networks')
export class RegisterNetworkController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @NetworkWrite(ADMIN_ONLY)
  register(@Body() body: RegisterNetworkDto, @Write() context: WriteContext) {
    const { networkId, name, region, commune, registeredOn } = body;
    return this.writer.write(
      {
        networkId,
        status: 201,
        command: {
          type: 'RegisterNetwork',
          data: { networkId, name, region, ...(commune ? { commune } : {}), registeredOn },
        },
      },
      context,
    );
  }
}
