import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { INDAGA_CONFIG, IndagaConfig } from '@indaga/platform';
import type { Principal, Role } from './principal';
import { hashSecret, issueSecret, parseToken, sameHash } from './token-secret';
import { TokenStore } from './token-store';

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

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');
  /** Only the hash of the configured admin token is kept in memory. */
  private readonly envAdminHash: string | undefined;
  /** Set when this start generated the bootstrap admin token (and printed it). */
  generatedAdminToken = false;

  constructor(
    private readonly tokens: TokenStore,
    @Inject(INDAGA_CONFIG) private readonly config: IndagaConfig,
  ) {
    this.envAdminHash = config.adminToken ? hashSecret(config.adminToken) : undefined;
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

  async authenticate(token: string): Promise<Principal | undefined> {
    if (this.envAdminHash && sameHash(hashSecret(token), this.envAdminHash))
      return { tokenId: ENV_ADMIN_ID, role: 'admin' };
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    const record = await this.tokens.find(parsed.id);
    if (!record || record.revokedAt || !sameHash(hashSecret(parsed.secret), record.secretHash)) return undefined;
    return { tokenId: record.id, role: record.role, ...(record.networkId ? { networkId: record.networkId } : {}) };
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

  revoke(id: string): Promise<boolean> {
    return this.tokens.revoke(id, new Date().toISOString());
  }
}
