import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';
import { RateLimits } from '../http/rate-limits';
import { ACCESS_KEY, AccessRule, PUBLIC_KEY } from './access.decorator';
import { AuthService } from './auth.service';
import type { Principal } from './principal';

export type AuthenticatedRequest = FastifyRequest & { principal: Principal };

/** Global guard: a bearer token, then the route's Access rule (SPEC section 3 roles). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly rateLimits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      // Requests without a token were charged per IP before routing; this one carries a token nobody checks.
      if (header) await this.rateLimits.chargeIp(request);
      return true;
    }
    const rule = this.reflector.getAllAndOverride<AccessRule>(ACCESS_KEY, targets);
    // A route without a rule is a programming error; refuse rather than expose it.
    if (!rule) throw new ApiError('AUTH.FORBIDDEN', 'this route declares no access rule');

    if (!header)
      throw new ApiError('AUTH.MISSING', 'send Authorization: Bearer <token>', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match ? await this.auth.authenticate(match[1]) : undefined;
    if (!principal) await this.rateLimits.chargeIp(request);
    else await this.rateLimits.chargeToken(request, principal.tokenId);
    if (!principal)
      throw new ApiError('AUTH.INVALID', 'the token is unknown, malformed or revoked', undefined, {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    request.principal = principal;

    if (principal.role === 'admin') return true;
    if (!rule.roles.includes(principal.role)) {
      throw new ApiError('AUTH.FORBIDDEN', `the ${principal.role} role may not call this route`);
    }
    if (principal.role === 'network' && rule.networkParam) {
      const params = request.params as Record<string, string | undefined>;
      if (params[rule.networkParam] !== principal.networkId) {
        throw new ApiError('AUTH.FORBIDDEN', 'a network token may only act on its own network');
      }
    }
    return true;
  }
}
