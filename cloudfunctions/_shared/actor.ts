/**
 * Who the caller is, in terms of the organisation: their profile and their scoped roles,
 * loaded from the database (one request) for the OPENID of the call. Every permission check
 * goes through here; nothing the client says about itself is consulted.
 */
import { AppError } from '../../types/errors';
import type { RoleKind } from '../../types/account';
import { requireOpenid } from './auth';
import { Collections } from './collections';
import type { Ctx } from './context';
import type { RoleDoc, UserDoc } from './documents';

export class Actor {
  constructor(
    readonly openid: string,
    readonly user: UserDoc | null,
    readonly roles: readonly RoleDoc[],
  ) {}

  /** The caller's profile; a caller without one is asked to create it first. */
  requireUser(): UserDoc {
    if (!this.user) throw new AppError('PRECONDITION_FAILED', 'account.no-profile', '请先完善个人信息');
    return this.user;
  }

  /**
   * Whether the caller's profile says Party member (政治面貌: 中共党员), or they hold a Party member
   * role anywhere — the condition of a 党员报到 (checkin.registerMember).
   */
  isPartyMember(): boolean {
    return this.user?.partyMember === true || this.has('member');
  }

  has(kind: RoleKind, where: (role: RoleDoc) => boolean = () => true): boolean {
    return this.roles.some((role) => role.kind === kind && where(role));
  }

  /**
   * Whether the caller is one of the community's people: any role there but a street-level one
   * (street viewer, street admin), whose `communityId` only records its home in the street.
   */
  belongsTo(communityId: string): boolean {
    return this.roles.some(
      (role) => role.communityId === communityId && role.kind !== 'street_viewer' && role.kind !== 'street_admin',
    );
  }

  /** A street admin (街道管理员) of this street. */
  isStreetAdminOf(streetId: string): boolean {
    return this.has('street_admin', (r) => r.streetId === streetId);
  }

  isAdminOf(communityId: string): boolean {
    return this.has('admin', (r) => r.communityId === communityId);
  }

  /** Leader of the building itself, or of the estate it stands in. */
  leadsBuilding(building: { _id: string; estateId: string }): boolean {
    return (
      this.has('building_leader', (r) => r.buildingId === building._id) ||
      this.has('estate_leader', (r) => r.estateId === building.estateId)
    );
  }

  /** Building ids this person leads directly, and estate ids they lead (all buildings in them). */
  ledScopes(communityId: string): { buildingIds: string[]; estateIds: string[] } {
    return {
      buildingIds: this.roles
        .filter((r) => r.kind === 'building_leader' && r.communityId === communityId)
        .map((r) => r.buildingId ?? ''),
      estateIds: this.roles
        .filter((r) => r.kind === 'estate_leader' && r.communityId === communityId)
        .map((r) => r.estateId ?? ''),
    };
  }

  /**
   * The 网格 (grids) the caller looks after in the community, as 网格员 (grid_worker) or 网格长
   * (grid_leader). A grid role grants no admin or leader power: only reads inside its grid.
   */
  gridIds(communityId: string): string[] {
    return this.roles
      .filter((r) => (r.kind === 'grid_worker' || r.kind === 'grid_leader') && r.communityId === communityId)
      .map((r) => r.gridId ?? '')
      .filter((id) => id !== '');
  }

  /** Whether the caller is a 网格员 or 网格长 of the building's grid (a building in no grid: nobody). */
  worksGridOf(building: { communityId: string; gridId?: string | null }): boolean {
    return !!building.gridId && this.gridIds(building.communityId).includes(building.gridId);
  }

  /** The caller as an admin of the community; anyone else (a caller without a profile too) is FORBIDDEN. */
  requireAdminOf(communityId: string): UserDoc {
    if (!this.user || !this.isAdminOf(communityId)) {
      throw new AppError('FORBIDDEN', 'auth.not-admin', '只有本社区的管理员可以进行此操作');
    }
    return this.user;
  }
}

export type Aggregate = ReturnType<ReturnType<Ctx['db']['collection']>['aggregate']>;

/**
 * Further stages joined to a person's row (their user document with `roles`), each into a field
 * named `_…`: how a verb reads what it needs with its caller in one request. A verb's stages are
 * written against the row alone, so they run the same on the caller's row (`callerJoined`) and
 * on a resident's row that a 代办 joins under its proxy's (`actingFor`, _shared/proxy.ts).
 */
export type RowStages = (query: Aggregate) => Aggregate;

/** A user row's roles joined as `roles` (through the roles' `userId` index). */
export function withRoles(query: Aggregate): Aggregate {
  return query.lookup({ from: Collections.roles, localField: '_id', foreignField: 'userId', as: 'roles' });
}

/** The aggregation every caller read starts with: the caller's user (by OPENID) with their roles joined as `roles`. */
export function callerQuery(ctx: Ctx): Aggregate {
  return withRoles(
    ctx.db
      .collection(Collections.users)
      .aggregate()
      .match({ openid: requireOpenid(ctx) })
      .limit(1),
  );
}

/**
 * A person's row as read (their user with `roles` and the `_…` fields stages joined): the Actor
 * (built as `loadActor` builds it) and the joined fields apart.
 */
export function actorOfRow(
  openid: string,
  row: Record<string, unknown>,
): { actor: Actor; joined: Record<string, unknown> } {
  const { roles = [], ...rest } = row;
  const user: Record<string, unknown> = {};
  const joined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key.startsWith('_') && key !== '_id') joined[key] = value;
    else user[key] = value;
  }
  return { actor: new Actor(openid, user as UserDoc, roles as RoleDoc[]), joined };
}

/**
 * The caller (their user with their roles joined) and, with `more`, whatever further stages join
 * to the caller's row (fields named `_…`), in ONE request: an aggregation on `users`. `joined` is
 * null when the caller has no user document (the row, and so every join, is then missing).
 */
export async function callerJoined(
  ctx: Ctx,
  more: RowStages = (query) => query,
): Promise<{ actor: Actor; joined: Record<string, unknown> | null }> {
  const openid = requireOpenid(ctx);
  const res = await more(callerQuery(ctx)).end();
  const row = (res.data as Array<Record<string, unknown>>)[0];
  if (!row) return { actor: new Actor(openid, null, []), joined: null };
  return actorOfRow(openid, row);
}

/**
 * One database request: the user with their roles joined (`aggregate().lookup`), so every
 * action pays one request for knowing its caller, not two (issue #13: the request count of a
 * call is its production latency).
 */
export async function loadActor(ctx: Ctx): Promise<Actor> {
  return (await callerJoined(ctx)).actor;
}
