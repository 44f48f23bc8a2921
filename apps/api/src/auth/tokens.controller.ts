import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../http/api-error';
import { Access, ADMIN_ONLY } from './access.decorator';
import { AuthService, IssuedToken, TokenSummary } from './auth.service';
import { CreateTokenDto } from './create-token.dto';

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('v1/tokens')
@Access(ADMIN_ONLY)
export class TokensController {
  constructor(private readonly auth: AuthService) {}

  /** Every issued token (the configured INDAGA_ADMIN_TOKEN is not stored, so not listed); never a secret or hash. */
  @Get()
  list(): Promise<TokenSummary[]> {
    return this.auth.list();
  }

  @Post()
  async create(@Body() body: CreateTokenDto): Promise<IssuedToken> {
    if (body.role !== 'network' && body.networkId !== undefined) {
      throw new ApiError('VALIDATION.FAILED', 'invalid request: networkId', [
        { field: 'networkId', message: 'networkId is only allowed for the network role' },
      ]);
    }
    return this.auth.issue(body.role, body.networkId, body.label);
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id') id: string): Promise<void> {
    if (!(await this.auth.revoke(id))) throw new ApiError('TOKEN.NOT_FOUND', `no live token ${id}`);
  }
}
