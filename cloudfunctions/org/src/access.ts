/**
 * Who may change the organisation: only admins of the community the TARGET belongs to.
 * Invariant: callers pass the community read from the stored target (or its stored parent),
 * never one taken from the input alone, so an admin of one community cannot reach into another
 * by naming their own community next to a foreign id.
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { UserDoc } from '../../_shared/documents';
import { mustFind } from './store';

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

/**
 * The admin who saves a node into `communityId`: for an existing one (`before`), an admin of its
 * stored community and that community named in the input (VALIDATION `org.community-mismatch`);
 * then the named community exists (NOT_FOUND) and the caller is its admin (FORBIDDEN).
 */
export async function requireSaver(
  ctx: Ctx,
  actor: Actor,
  before: { communityId: string } | null,
  communityId: string,
): Promise<UserDoc> {
  if (before) {
    requireAdmin(actor, before.communityId);
    if (before.communityId !== communityId) throw communityMismatch();
  }
  await mustFind(
    ctx,
    Collections.communities,
    communityId,
    () => new AppError('NOT_FOUND', 'org.community-not-found', '社区不存在或已被删除'),
  );
  return requireAdmin(actor, communityId);
}
