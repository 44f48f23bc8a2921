import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, ADMIN_ONLY } from '../auth/access.decorator';
import { validationFailed } from '../http/validation';
import { AccessLogPage, storedInstant } from './access-record';
import { AccessLogStore } from './access-log.store';
import { AuditQuery } from './audit.query.dto';

/** The access log of SPEC 6.3, for admins. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@Access(ADMIN_ONLY)
export class AuditController {
  constructor(private readonly log: AccessLogStore) {}

  @Get()
  list(@Query() query: AuditQuery): Promise<AccessLogPage> {
    const from = instant(query.from, 'from');
    const to = instant(query.to, 'to');
    if (from !== undefined && to !== undefined && from >= to)
      throw validationFailed([{ field: 'to', message: 'to must be later than from' }]);
    return this.log.list({
      networkId: query.networkId,
      tokenId: query.tokenId,
      from,
      to,
      before: query.before,
      limit: query.limit ?? 100,
    });
  }
}

function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const stored = storedInstant(value);
  if (stored === undefined) throw validationFailed([{ field, message: `${field} is not a real instant` }]);
  return stored;
}
