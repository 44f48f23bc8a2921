import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { INDAGA_CONFIG, IndagaConfig } from '@indaga/platform';
import type { Principal, Role } from './principal';
import { hashSecret, issueSecret, parseToken, sameHash } from './token-secret';
import { REVOCATION_CHANNEL, type RevocationChannel } from './revocation-channel';
import { TOKEN_CACHE_TTL_MS, TokenCache } from './token-cache';
import { TokenStore } from './token-store';

/** A revocation answers at the latest this long after it committed (acks missing): every cached row has expired by then. */
export const REVOCATION_MAX_WAIT_MS = TOKEN_CACHE_TTL_MS + 100;

/** Id of the admin token generated at first start when INDAGA_ADMIN_TOKEN is unset. */
export const BOOTSTRAP_ADMIN_ID = 'bootstrap-admin';
/** Id reported for requests made with INDAGA_ADMIN_TOKEN. */
export const ENV_ADMIN_ID = 'env-admin';

export interface IssuedToken {
  id: string;
  token: string;
  role: Role;
  networkId: string | null;
}

export interface TokenSummary {
  id: string;
  role: Role;
  networkId: string | null;
  label: string | null;
  createdAt: string;
  revoked: boolean;
  revokedAt: string | null;
}

/**
 * Tokens: issued, authenticated, revoked. Rows are cached (TokenCache) while
 * the revocation channel is connected, and a revocation is answered only when
 * every listening instance acknowledged dropping the token, or once the
 * cache's expiry has passed (README "Token cache and immediate revocation").
 */
@Injectable()
export class AuthService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('auth');
  /** Only the hash of the configured admin token is kept in memory. */
  private readonly envAdminHash: string | undefined;
  /** Whether INDAGA_ADMIN_TOKEN has an issued token's shape (then every token is compared with it). */
  private readonly envAdminLooksIssued: boolean;
  /** Set when this start generated the bootstrap admin token (and printed it). */
  generatedAdminToken = false;
  private readonly cache = new TokenCache();

  constructor(
    private readonly tokens: TokenStore,
    @Inject(INDAGA_CONFIG) private readonly config: IndagaConfig,
    @Optional() @Inject(REVOCATION_CHANNEL) private readonly channel?: RevocationChannel | null,
  ) {
    this.envAdminHash = config.adminToken ? hashSecret(config.adminToken) : undefined;
    this.envAdminLooksIssued = config.adminToken !== undefined && parseToken(config.adminToken) !== undefined;
  }

  /** Without a channel (SQLite without REDIS_URL) nothing is cached: another process may share the file. */
  async onModuleInit(): Promise<void> {
    await this.channel?.start({
      revoked: (id) => this.cache.invalidate(id),
      live: (up) => this.cache.setLive(up),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel?.close();
  }

  /** SPEC 3: if INDAGA_ADMIN_TOKEN is unset, an admin token is generated at first start and printed once. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.adminToken || this.config.role === 'worker') return;
    const issued = issueSecret(BOOTSTRAP_ADMIN_ID);
    const inserted = await this.tokens.insert({
      id: issued.id,
      secretHash: issued.secretHash,
      role: 'admin',
      networkId: null,
      label: 'bootstrap admin',
      createdAt: new Date().toISOString(),
      revokedAt: null,
    });
    if (inserted) {
      this.generatedAdminToken = true;
      // Printed once, on stdout rather than the log, so it is not shipped to log storage.
      process.stdout.write(
        `\nindaga: generated the bootstrap admin token (shown only this once):\n  ${issued.token}\n\n`,
      );
    }
  }

  /**
   * INDAGA_ADMIN_TOKEN first, then an issued token (`idg_<id>_<secret>`)
   * against its row. When the admin token does not have an issued token's
   * shape (the usual case), no token of that shape can be it, and a
   * network's request skips that comparison: one hash per request.
   */
  async authenticate(token: string): Promise<Principal | undefined> {
    const parsed = parseToken(token);
    if (this.envAdminHash && (!parsed || this.envAdminLooksIssued) && sameHash(hashSecret(token), this.envAdminHash))
      return { tokenId: ENV_ADMIN_ID, role: 'admin' };
    if (!parsed) return undefined;
    const record = this.cache.get(parsed.id) ?? (await this.findAndCache(parsed.id));
    if (!record || record.revokedAt || !sameHash(hashSecret(parsed.secret), record.secretHash)) return undefined;
    return { tokenId: record.id, role: record.role, ...(record.networkId ? { networkId: record.networkId } : {}) };
  }

  private async findAndCache(id: string) {
    const epoch = this.cache.begin();
    const record = await this.tokens.find(id);
    if (record) this.cache.put(id, record, epoch);
    return record;
  }

  async issue(role: Role, networkId: string | undefined, label: string | undefined): Promise<IssuedToken> {
    const issued = issueSecret();
    await this.tokens.insert({
      id: issued.id,
      secretHash: issued.secretHash,
      role,
      networkId: networkId ?? null,
      label: label ?? null,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    });
    this.logger.log({ msg: 'token issued', tokenId: issued.id, role });
    return { id: issued.id, token: issued.token, role, networkId: networkId ?? null };
  }

  /** Issued tokens without their secrets or hashes (GET /v1/tokens). */
  async list(): Promise<TokenSummary[]> {
    return (await this.tokens.list()).map(({ id, role, networkId, label, createdAt, revokedAt }) => ({
      id,
      role,
      networkId,
      label,
      createdAt,
      revoked: revokedAt !== null,
      revokedAt,
    }));
  }

  /**
   * Answers once no instance accepts the token any more: the row is revoked,
   * then every listening instance drops it and acknowledges; if an ack is
   * missing (an instance unreachable or reconnecting), the answer waits until
   * any row cached before the revocation has expired.
   */
  async revoke(id: string): Promise<boolean> {
    const revoked = await this.tokens.revoke(id, new Date().toISOString());
    if (!revoked || !this.channel) return revoked;
    const committed = performance.now();
    this.cache.invalidate(id);
    const acknowledged = await this.channel.announce(id, REVOCATION_MAX_WAIT_MS).catch(() => false);
    if (!acknowledged) {
      const left = committed + REVOCATION_MAX_WAIT_MS - performance.now();
      if (left > 0) await sleep(left);
      this.logger.warn({
        msg: 'token revocation not acknowledged by every instance; waited out the cache',
        tokenId: id,
      });
    }
    return revoked;
  }
}
