import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { INDAGA_CONFIG, IndagaConfig } from '@indaga/platform';
import { ApiError } from './api-error';
import { AllExceptionsFilter } from './all-exceptions.filter';

type Check = ReturnType<FastifyInstance['createRateLimit']>;
/** The bucket a request is charged to, set just before the check (the plugin's key generator reads it). */
const BUCKET = Symbol('indaga.rateBucket');
type Charged = FastifyRequest & { [BUCKET]?: string };

/**
 * SPEC 3's 429, in two budgets over a fixed window:
 * - per IP before authentication: requests without a token, with a token
 *   that fails, to public routes or to no route are charged to the caller's
 *   address (INDAGA_TRUST_PROXY decides which address that is behind a proxy),
 *   so guessing tokens or hammering /health is bounded;
 * - per token once authenticated (the guard charges it), so one runaway
 *   client cannot starve the others, whichever instance it reaches.
 * With REDIS_URL the counters live in Redis and every API instance shares
 * one budget; otherwise each process counts alone. If Redis does not answer
 * within its command timeout the request is let through (fail open): the
 * limiter protects the service, it must not become a way to stop it.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger('rate-limit');
  private check: Check | undefined;
  private redis: Redis | undefined;
  private readonly filter = new AllExceptionsFilter();

  constructor(@Inject(INDAGA_CONFIG) private readonly config: IndagaConfig) {}

  get enabled(): boolean {
    return this.config.rateLimit.perToken > 0 || this.config.rateLimit.perIp > 0;
  }

  async install(fastify: FastifyInstance): Promise<void> {
    if (!this.enabled) return;
    const { perToken, perIp, windowSeconds } = this.config.rateLimit;
    if (this.config.redisUrl) {
      this.redis = new Redis(this.config.redisUrl, {
        // A rate-limit check must never wait for a reconnect: fail fast, then fail open.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: 500,
        lazyConnect: false,
      });
      this.redis.on('error', (err) => this.logger.warn({ msg: 'rate-limit Redis unavailable', err: err.message }));
    }
    await fastify.register(rateLimit, {
      global: false,
      timeWindow: windowSeconds * 1000,
      max: (_req, key) => (key.startsWith('ip:') ? perIp : perToken),
      keyGenerator: (req) => (req as Charged)[BUCKET] ?? `ip:${req.ip}`,
      skipOnError: true,
      ...(this.redis ? { redis: this.redis, nameSpace: `${this.config.queuePrefix}:rate:` } : {}),
    });
    this.check = fastify.createRateLimit();
    if (perIp > 0) {
      fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        // Requests with a token to a known route are charged by the guard, once it knows whether the token is good.
        if (request.headers.authorization && request.routeOptions.url) return;
        const refusal = await this.charge(request, `ip:${request.ip}`);
        if (refusal) {
          const { body, headers } = this.filter.toBody(refusal, String(request.id));
          return reply.code(429).headers(headers).send(body);
        }
      });
    }
  }

  /** Charges an authenticated token; throws 429 RATE.LIMITED when its budget is spent. */
  async chargeToken(request: FastifyRequest, tokenId: string): Promise<void> {
    if (this.config.rateLimit.perToken === 0) return;
    const refusal = await this.charge(request, `token:${tokenId}`);
    if (refusal) throw refusal;
  }

  /** Charges the caller's address (a public route called with a token, or a token that failed). */
  async chargeIp(request: FastifyRequest): Promise<void> {
    if (this.config.rateLimit.perIp === 0) return;
    const refusal = await this.charge(request, `ip:${request.ip}`);
    if (refusal) throw refusal;
  }

  private async charge(request: FastifyRequest, bucket: string): Promise<ApiError | undefined> {
    if (!this.check) return undefined;
    (request as Charged)[BUCKET] = bucket;
    const result = await this.check(request);
    if (result.isAllowed || !result.isExceeded) return undefined;
    const seconds = String(Math.max(1, result.ttlInSeconds));
    const who = bucket.startsWith('ip:') ? 'this address' : 'this token';
    return new ApiError(
      'RATE.LIMITED',
      `${who} sent more than ${result.max} requests in ${this.config.rateLimit.windowSeconds} s; retry after ${seconds} s`,
      undefined,
      { 'Retry-After': seconds },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
  }
}
