/**
 * The volunteer area's stored documents and how they are read. Invariants:
 * - an activity's `nextSeq` only ever grows (`_.inc`), so every sign-up gets a distinct `seq`;
 * - `freeSlots` = quota − confirmedCount, moved in the same atomic update as confirmedCount;
 * - a sign-up's `_id` is `<activityId>:<userId>`, so one person holds at most one per activity;
 * - sign-ups have no intermediate state: each is written with its state and seq in the same
 *   transaction as the activity's counters, `holders` and waitlist shape (`waitHead`,
 *   `waitGone`: queue.ts, docs/adr/0033); `pending: true` (seq 0) exists only in documents
 *   stored by the former design, which every path treats as not live and undoes (queue.ts,
 *   reconcile.ts);
 * - ids made here use only `[A-Za-z0-9-]`, so an activity id fits into a QR code.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../types/errors';
import type { ActivityDoc, RoleDoc, SignupDoc, UserDoc } from '../../../types/documents';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getById, mustGetById } from '../../_shared/db-helpers';
import { Actor } from '../../_shared/actor';

export type { ActivityDoc, SignupDoc, WaitEntry } from '../../../types/documents';

/** A new sign-up's attendance: none yet, no hours, points nor credit (the group commit writes it; so do the test factories). */
export const noAttendanceYet = (): Pick<
  SignupDoc,
  'checkedInAt' | 'checkedOutAt' | 'hours' | 'points' | 'autoClosed' | 'correctedReason' | 'creditVersion'
> => ({
  checkedInAt: null,
  checkedOutAt: null,
  hours: 0,
  points: 0,
  autoClosed: false,
  correctedReason: null,
  creditVersion: 0,
});

export function signupId(activityId: string, userId: string): string {
  return `${activityId}:${userId}`;
}

/** The ledger key of a sign-up's n-th volunteer_hours entry (n ≥ 1). */
export function creditKey(activityId: string, userId: string, version: number): string {
  const base = `volunteer:${activityId}:${userId}`;
  return version <= 1 ? base : `${base}:v${version}`;
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

export function activityNotFound(): AppError {
  return new AppError('NOT_FOUND', 'activity.not-found', '该志愿活动不存在');
}

/** The activity, or NOT_FOUND `activity.not-found`. */
export async function loadActivity(ctx: Ctx, activityId: string): Promise<ActivityDoc> {
  return mustGetById(ctx, Collections.activities, activityId, activityNotFound);
}

/** A person's sign-up for an activity (by its natural key), or null. */
export async function findSignup(ctx: Ctx, activityId: string, userId: string): Promise<SignupDoc | null> {
  return getById(ctx, Collections.signups, signupId(activityId, userId));
}

/**
 * The 1-based waitlist position of a sign-up, computed from the activity's waitlist shape and the
 * sign-up's seq (read, not counted; docs/adr/0033); an activity stored before that shape existed
 * still carries its waitlist's entries.
 */
export function waitlistPosition(
  activity: Pick<ActivityDoc, 'waitHead' | 'waitGone' | 'waitlistCount' | 'nextSeq' | 'waitlist'>,
  signup: Pick<SignupDoc, 'userId' | 'seq' | 'state'> | null,
): number | null {
  if (!signup || signup.state !== 'waitlisted') return null;
  const { waitHead, waitGone, waitlistCount, nextSeq } = activity;
  if (typeof waitHead === 'number' && Array.isArray(waitGone)) {
    const waits =
      waitlistCount > 0 && signup.seq >= waitHead && signup.seq <= nextSeq && !waitGone.includes(signup.seq);
    return waits ? signup.seq - waitHead - waitGone.filter((g) => g < signup.seq).length + 1 : null;
  }
  const at = (activity.waitlist ?? []).findIndex((e) => e.userId === signup.userId);
  return at < 0 ? null : at + 1;
}

/**
 * The activity and its organiser's current roles, in one request; with `openid`, the caller too
 * (the first user with that OPENID, with their roles — what `loadActor` reads), in the same one.
 */
export async function activityWithOrganiser(
  ctx: Ctx,
  activityId: string,
): Promise<{ activity: ActivityDoc; roles: RoleDoc[] }>;
export async function activityWithOrganiser(
  ctx: Ctx,
  activityId: string,
  openid: string,
  heads?: number,
  live?: number,
): Promise<{ activity: ActivityDoc; roles: RoleDoc[]; actor: Actor; heads: SignupDoc[]; live: SignupDoc[] }>;
export async function activityWithOrganiser(
  ctx: Ctx,
  activityId: string,
  openid?: string,
  heads?: number,
  live?: number,
): Promise<{ activity: ActivityDoc; roles: RoleDoc[]; actor?: Actor; heads?: SignupDoc[]; live?: SignupDoc[] }> {
  const read = await activityJoined<RoleDoc>(
    ctx,
    activityId,
    { from: Collections.roles, localField: 'organiserId', foreignField: 'userId', as: 'organiserRoles' },
    openid,
    heads,
    live,
  );
  const { activity, joined, actor } = read;
  return actor ? { activity, roles: joined, actor, heads: read.heads, live: read.live } : { activity, roles: joined };
}

/**
 * The first `k` waiting sign-ups of an activity, as an aggregation sub-pipeline (a sorted read of
 * the `activity_state_seq` index: k documents whatever the waitlist's length).
 */
export function headsPipeline(ctx: Ctx, activityId: string, k: number): unknown {
  return ctx.db.command.aggregate
    .pipeline()
    .match({ activityId, state: 'waitlisted' })
    .sort({ seq: 1 })
    .limit(k)
    .done();
}

/**
 * The activity with one joined list (`join`), in one request; with `openid`, the caller too
 * (the first user with that OPENID, with their roles — what `loadActor` reads), in the same one;
 * with `heads`, the first waiting sign-ups; with `live`, up to that many sign-ups not cancelled
 * (holding a place or waiting), in seq order.
 * NOT_FOUND `activity.not-found` when there is no such activity.
 */
export async function activityJoined<J>(
  ctx: Ctx,
  activityId: string,
  join: { from: string; localField: string; foreignField: string; as: string },
  openid?: string,
  heads?: number,
  live?: number,
): Promise<{ activity: ActivityDoc; joined: J[]; actor?: Actor; heads: SignupDoc[]; live: SignupDoc[] }> {
  let query = ctx.db.collection(Collections.activities).aggregate().match({ _id: activityId }).limit(1).lookup(join);
  if (heads !== undefined) {
    query = query.lookup({ from: Collections.signups, pipeline: headsPipeline(ctx, activityId, heads), as: '_heads' });
  }
  if (live !== undefined) {
    const pipeline = ctx.db.command.aggregate
      .pipeline()
      .match({ activityId, state: ctx.db.command.neq('cancelled') })
      .sort({ seq: 1 })
      .limit(live)
      .done();
    query = query.lookup({ from: Collections.signups, pipeline, as: '_live' });
  }
  if (openid !== undefined) {
    query = query
      .addFields({ _callerOpenid: ctx.db.command.aggregate.literal(openid) })
      .lookup({ from: Collections.users, localField: '_callerOpenid', foreignField: 'openid', as: '_caller' })
      .lookup({ from: Collections.roles, localField: '_caller._id', foreignField: 'userId', as: '_callerRoles' });
  }
  const res = await query.end();
  type Row = ActivityDoc & {
    _caller?: UserDoc[];
    _callerRoles?: RoleDoc[];
    _heads?: SignupDoc[];
    _live?: SignupDoc[];
  } & Record<string, unknown>;
  const row = (res.data as Row[])[0];
  if (!row) throw activityNotFound();
  const { _caller = [], _callerRoles = [], _heads = [], _live = [], ...rest } = row;
  const activity = { ...rest } as ActivityDoc & Record<string, unknown>;
  const joined = (activity[join.as] ?? []) as J[];
  delete activity[join.as];
  delete activity['_callerOpenid'];
  if (openid === undefined) return { activity, joined, heads: _heads, live: _live };
  const caller = _caller.find((u) => typeof u === 'object' && u !== null) ?? null;
  const actor = new Actor(openid, caller, caller ? _callerRoles.filter((r) => r?.userId === caller._id) : []);
  return { activity, joined, actor, heads: _heads, live: _live };
}
