export const ROLES = ['admin', 'analyst', 'network'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: attached to the request by the auth guard. */
export interface Principal {
  tokenId: string;
  role: Role;
  /** Set for the `network` role only: the one network it may write and read. */
  networkId?: string;
}
