import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../../auth/auth.guard';
import { validationFailed } from '../../http/validation';
import { IDEMPOTENCY_KEY_PATTERN, requestHash } from './idempotency';
import type { HandleOptions } from './network-command';

/** What a write takes from its request besides the body: parsed here, so nothing below sees HTTP. */
export type WriteContext = Omit<HandleOptions, 'createdId'>;

/** `"12"` (or W/"12") → 12. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  if (!match) throw validationFailed([{ field: 'If-Match', message: 'If-Match must be a quoted version, e.g. "12"' }]);
  return Number(match[1]);
}

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw validationFailed([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1-255 visible ASCII characters' },
    ]);
  }
  return header;
}

export function writeContextOf(request: AuthenticatedRequest): WriteContext {
  const key = parseIdempotencyKey(request.headers['idempotency-key'] as string | undefined);
  const path = request.url.split('?')[0];
  return {
    expectedVersion: parseIfMatch(request.headers['if-match'] as string | undefined),
    idempotency:
      key === undefined
        ? undefined
        : { scope: request.principal.tokenId, key, requestHash: requestHash(request.method, path, request.body) },
    actor: request.principal.tokenId,
    correlationId: String(request.id),
  };
}

/**
 * A write's If-Match (as the expected version), Idempotency-Key (scoped to
 * the token, with the request's hash), actor and correlation id; a malformed
 * header is a 400 naming it.
 */
export const Write = createParamDecorator((_: unknown, ctx: ExecutionContext): WriteContext =>
  writeContextOf(ctx.switchToHttp().getRequest<AuthenticatedRequest>()),
);
