import { call, token } from './api';

export type Role = 'admin' | 'analyst' | 'network';
export interface Me {
  role: Role;
  networkId: string | null;
  tokenId: string;
}

let me: Me | undefined;
export const currentUser = (): Me | undefined => me;

/** Learns who the stored token is (GET /v1/me); undefined when there is none or it is refused. */
export async function resume(): Promise<Me | undefined> {
  if (!token.get()) return undefined;
  try {
    me = await call<Me>('/v1/me');
  } catch {
    token.clear();
    me = undefined;
  }
  return me;
}

export function signOut(): void {
  token.clear();
  me = undefined;
}

export type Page = 'overview' | 'network' | 'history' | 'record' | 'export' | 'operations';

/** Which pages each role sees (SPEC section 3: analysts write no domain event; tokens are admin's). */
export const PAGES_BY_ROLE: Record<Role, Page[]> = {
  admin: ['overview', 'network', 'history', 'record', 'export', 'operations'],
  analyst: ['overview', 'network', 'history', 'export', 'operations'],
  network: ['overview', 'network', 'history', 'record'],
};
