/**
 * The caller and the sign-up they act on, in ONE request (issue #13 part 4, docs/adr/0017): an
 * aggregation on the caller's user (by OPENID) joins their roles, the activity, the sign-up of
 * `whose` (the caller, or the person named), the community's point rules, and whether that person
 * has a balance document in the community (and, for someone else's sign-up, their user document).
 * Invariants:
 * - the Actor is built exactly as `loadActor` builds it, so every permission check is the same;
 * - a caller without a profile is an Actor without user or roles, and nothing else is joined
 *   (the callers read the activity alone then, so the refusals keep their order);
 * - a joined document that does not exist is null; `hasBalance` is only a hint for a credit (one
 *   created meanwhile makes the credit's add collide, and the caller runs it again without it).
 */
import { Actor, callerQuery } from '../../_shared/actor';
import { requireOpenid } from '../../_shared/auth';
import type { Ctx } from '../../_shared/context';
import type { RoleDoc, UserDoc } from '../../_shared/documents';
import { rulesOf, type PointRulesDoc } from '../../_shared/point-rules';
import { signupId, type ActivityDoc, type SignupDoc } from './store';
import { Collections } from '../../_shared/collections';

export interface CallerWithSignup {
  actor: Actor;
  activity: ActivityDoc | null;
  signup: SignupDoc | null;
  /** The person whose sign-up it is (only when asked for someone else's). */
  person: UserDoc | null;
  rules: PointRulesDoc | null;
  /** That person has a balance document in the activity's community (null: not known). */
  hasBalance: boolean | null;
}

interface Row extends UserDoc {
  roles?: RoleDoc[];
  _activity?: ActivityDoc[];
  _signup?: SignupDoc[];
  _person?: UserDoc[];
  _rules?: Array<Partial<PointRulesDoc>>;
  _balance?: unknown[];
}

export async function callerWithSignup(
  ctx: Ctx,
  activityId: string,
  whose: 'caller' | { userId: string },
): Promise<CallerWithSignup> {
  const openid = requireOpenid(ctx);
  const $ = ctx.db.command.aggregate;
  const who = whose === 'caller' ? '$_id' : $.literal(whose.userId);
  const community = $.arrayElemAt(['$_activity.communityId', 0]);
  let query = callerQuery(ctx)
    .addFields({
      _activityId: $.literal(activityId),
      _signupKey:
        whose === 'caller'
          ? $.concat([$.literal(`${activityId}:`), '$_id'])
          : $.literal(signupId(activityId, whose.userId)),
      ...(whose === 'caller' ? {} : { _personId: $.literal(whose.userId) }),
    })
    .lookup({ from: Collections.activities, localField: '_activityId', foreignField: '_id', as: '_activity' })
    .lookup({ from: Collections.signups, localField: '_signupKey', foreignField: '_id', as: '_signup' })
    .addFields({ _communityId: community, _balanceKey: $.concat([community, ':', who]) })
    .lookup({ from: Collections.pointRules, localField: '_communityId', foreignField: '_id', as: '_rules' })
    .lookup({ from: Collections.pointBalances, localField: '_balanceKey', foreignField: '_id', as: '_balance' });
  if (whose !== 'caller') {
    query = query.lookup({ from: Collections.users, localField: '_personId', foreignField: '_id', as: '_person' });
  }
  const res = await query.project({ '_balance.quarters': 0 }).end();
  const row = ((res as { data?: Row[] }).data ?? [])[0];
  if (!row) {
    return {
      actor: new Actor(openid, null, []),
      activity: null,
      signup: null,
      person: null,
      rules: null,
      hasBalance: null,
    };
  }
  const { roles = [], _activity = [], _signup = [], _person = [], _rules = [], _balance = [], ...rest } = row;
  const user = { ...rest } as UserDoc & Record<string, unknown>;
  for (const key of ['_activityId', '_signupKey', '_personId', '_communityId', '_balanceKey']) delete user[key];
  const activity = _activity[0] ?? null;
  return {
    actor: new Actor(openid, user, roles),
    activity,
    signup: activity ? (_signup[0] ?? null) : null,
    person: _person[0] ?? null,
    rules: activity ? rulesOf(activity.communityId, _rules[0]) : null,
    hasBalance: activity ? _balance.length > 0 : null,
  };
}
