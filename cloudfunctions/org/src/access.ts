/**
 * Who may change the organisation: only admins of the community the TARGET belongs to.
 * Invariant: callers pass the community read from the stored target (or its stored parent),
 * never one taken from the input alone, so an admin of one community cannot reach into another
 * by naming their own community next to a foreign id.
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import type { UserDoc } from '../../_shared/documents';

/** The admin's profile, or FORBIDDEN (a caller without a profile too). */
export function requireAdmin(actor: Actor, communityId: string): UserDoc {
  return actor.requireAdminOf(communityId);
}

/** A target that belongs to another community than the one named in the input. */
export function communityMismatch(): AppError {
  return new AppError('VALIDATION', 'org.community-mismatch', '所选内容不属于该社区', {
    communityId: '所选内容不属于该社区',
  });
}
