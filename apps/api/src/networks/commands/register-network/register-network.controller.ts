import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, ADMIN_ONLY } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { NetworkWriter } from '../../write/network-writer';
import { RegisterNetworkDto } from './register-network.dto';

@ApiTags('networks')
@ApiBearerAuth()
@Controller('v1/networks')
export class RegisterNetworkController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @Access(ADMIN_ONLY)
  register(
    @Body() body: RegisterNetworkDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { networkId, name, region, commune, registeredOn } = body;
    return this.writer.write(req, reply, {
      networkId,
      status: 201,
      command: {
        type: 'RegisterNetwork',
        data: { networkId, name, region, ...(commune ? { commune } : {}), registeredOn },
      },
    });
  }
}
