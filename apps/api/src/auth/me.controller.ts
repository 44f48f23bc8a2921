import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, ANY_ROLE } from './access.decorator';
import type { AuthenticatedRequest } from './auth.guard';

/**
 * `GET /v1/me` (extension): who the token is. The workspace calls it right
 * after sign-in to choose the pages a role sees, without guessing from a 403.
 */
@ApiTags('tokens')
@ApiBearerAuth()
@Controller('v1/me')
@Access(ANY_ROLE)
export class MeController {
  @Get()
  me(@Req() req: AuthenticatedRequest): { role: string; networkId: string | null; tokenId: string } {
    const { role, networkId, tokenId } = req.principal;
    return { role, networkId: networkId ?? null, tokenId };
  }
}
