import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { NETWORK_ID_PATTERN } from '@indaga/domain';
import { IntQuery, MAX_PAGE } from '../networks/history/history.dto';

/** Token ids as issued (apps/api/src/auth/token-secret.ts), plus `env-admin` and `bootstrap-admin`. */
const TOKEN_ID_PATTERN = /^[0-9A-Za-z-]{1,40}$/;

/** GET /v1/audit (SPEC 6.3): filters, newest first, paged with `before`. */
export class AuditQuery {
  @ApiPropertyOptional({ description: 'records of this network only', example: 'red-maule-sur' })
  @IsOptional()
  @Matches(NETWORK_ID_PATTERN, { message: `networkId must match ${NETWORK_ID_PATTERN.source}` })
  networkId?: string;

  @ApiPropertyOptional({
    description: 'records of this token only (`env-admin` for INDAGA_ADMIN_TOKEN)',
    example: 'env-admin',
  })
  @IsOptional()
  @Matches(TOKEN_ID_PATTERN, { message: `tokenId must match ${TOKEN_ID_PATTERN.source}` })
  tokenId?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 instant or date: records at or after it', example: '2026-12-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date or timestamp' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 instant or date: records strictly before it', example: '2027-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date or timestamp' })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'the `next` of the previous page: records older than it' })
  @IntQuery(1)
  before?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 100 })
  @IntQuery(1, MAX_PAGE)
  limit?: number;
}
