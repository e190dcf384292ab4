import { hasRole, type AuthContext } from '../auth/auth-context';
import type { CallScope } from './call-search.repository';

/**
 * Supervisors and above see every call of their tenant; an agent sees the calls it was offered, its recordings and
 * its mailboxes. An agent user linked to no directory agent sees none: its scope names an agent id that no agent has.
 */
export function callScope(caller: AuthContext): CallScope {
  return { tenantId: caller.tenantId, agentId: hasRole(caller.role, 'supervisor') ? null : (caller.agentId ?? '') };
}
