import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal';

export const ACCESS_KEY = 'indaga:access';

export interface AccessRule {
  /** Roles besides `admin` (which may do everything) allowed on the route. */
  roles: Role[];
  /** For the `network` role: the route parameter holding the networkId it must match. */
  networkParam?: string;
}

/** Declares who may call a route. Every route has one (or @Public); the guard refuses routes with neither. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_KEY, rule);

export const PUBLIC_KEY = 'indaga:public';
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Route groups of SPEC section 3, named once so controllers and the role table test agree. */
export const ADMIN_ONLY: AccessRule = { roles: [] };
export const ANALYSTS: AccessRule = { roles: ['analyst'] };
export const NETWORK_WRITE: AccessRule = { roles: ['network'], networkParam: 'networkId' };
export const NETWORK_READ: AccessRule = { roles: ['analyst', 'network'], networkParam: 'networkId' };
/** Lists: every role may call; a network token sees only its own network (the handler filters). */
export const ANY_ROLE: AccessRule = { roles: ['analyst', 'network'] };
