/**
 * The Party members of a community (roles of kind `member`: in office, retired, mobile) with
 * their names and work units, in a fixed number of reads for any community of up to 1,000
 * members (roles, work units, users — each one request).
 */
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import type { RoleDoc, UserDoc, WorkUnitDoc } from '../../_shared/documents';

export interface Member {
  userId: string;
  name: string;
  memberType: RoleDoc['memberType'];
  workUnitId: string | null;
  workUnitName: string | null;
}

/** Users by id, up to 500 per request (one request for most communities). */
const USER_CHUNK = 500;

export async function usersByIds(ctx: Ctx, ids: readonly string[]): Promise<Map<string, UserDoc>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, UserDoc>();
  const _ = ctx.db.command;
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += USER_CHUNK) chunks.push(unique.slice(i, i + USER_CHUNK));
  const pages = await Promise.all(
    chunks.map((chunk) =>
      ctx.db
        .collection(Collections.users)
        .where({ _id: _.in(chunk) })
        .field({ name: true })
        .limit(chunk.length)
        .get(),
    ),
  );
  for (const page of pages) for (const user of page.data as UserDoc[]) out.set(user._id, user);
  return out;
}

function toMembers(roles: readonly RoleDoc[], users: Map<string, UserDoc>, units: Map<string, string>): Member[] {
  return roles.map((role) => ({
    userId: role.userId,
    name: users.get(role.userId)?.name ?? '（未知）',
    memberType: role.memberType,
    workUnitId: role.workUnitId,
    workUnitName: role.workUnitId ? (units.get(role.workUnitId) ?? null) : null,
  }));
}

/** Every member of the community. */
export async function communityMembers(ctx: Ctx, communityId: string): Promise<Member[]> {
  const [roles, units] = await Promise.all([
    getAll<RoleDoc>(ctx.db.collection(Collections.roles).where({ communityId, kind: 'member' })),
    getAll<WorkUnitDoc>(ctx.db.collection(Collections.workUnits).where({ communityId })),
  ]);
  const users = await usersByIds(
    ctx,
    roles.map((r) => r.userId),
  );
  return toMembers(roles, users, new Map(units.map((u) => [u._id, u.name])));
}

/** The in-office members of one work unit (in the unit's community). */
export async function unitMembers(ctx: Ctx, unit: WorkUnitDoc): Promise<Member[]> {
  const roles = await getAll<RoleDoc>(
    ctx.db.collection(Collections.roles).where({
      communityId: unit.communityId,
      kind: 'member',
      memberType: 'in_office',
      workUnitId: unit._id,
    }),
  );
  const users = await usersByIds(
    ctx,
    roles.map((r) => r.userId),
  );
  return toMembers(roles, users, new Map([[unit._id, unit.name]]));
}

/** Chinese collation for names, with the id as a tie-break so orders are stable. */
export function byName(a: { name: string; userId: string }, b: { name: string; userId: string }): number {
  return a.name.localeCompare(b.name, 'zh-CN') || a.userId.localeCompare(b.userId);
}
