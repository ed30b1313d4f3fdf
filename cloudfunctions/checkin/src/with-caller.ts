/**
 * One document of the checkin area read together with its caller, in ONE request (issue #13
 * part 4, docs/adr/0017): an aggregation on the document adds the caller's OPENID to it as a
 * literal field and joins the user with that OPENID and their roles — what `loadActor` reads —
 * and, on request, the community's point rules and other documents the verb needs (a person by
 * `_id` with their roles, the work units bearing the name the document holds). Invariants:
 * - the caller is known only by `ctx.caller.openid` (UNAUTHENTICATED before anything is read),
 *   exactly as `loadActor`: the first user with that OPENID, and the roles whose `userId` is
 *   theirs; nothing in the input says who the caller is;
 * - null when the document does not exist (the caller is then not needed: every verb answers
 *   NOT_FOUND first, as it did after reading the caller on its own);
 * - every join is by a field equal to a value, served by an index (users by `openid`, roles by
 *   `userId`, rules and balances by `_id`) — except work units by `name`: their index leads with
 *   `communityId`, and a community's work units are few (org.saveWorkUnit joins them the same way);
 * - the `$addFields` stage takes the emulator off its find path onto its segmented aggregation,
 *   which still reads only the joined documents (emulator/db/aggregate.ts).
 */
import { Actor } from '../../_shared/actor';
import { requireOpenid } from '../../_shared/auth';
import type { Ctx } from '../../_shared/context';
import type { RoleDoc, UserDoc } from '../../_shared/documents';
import { rulesOf, type PointRulesDoc } from '../../_shared/point-rules';
import { Collections, type CollectionName } from '../../_shared/collections';
import { getByIdWith, type Lookup } from '../../_shared/db-helpers';

export interface WithCaller<T> {
  doc: T;
  actor: Actor;
  /** The community's rules (defaults when it has none stored); only when asked for. */
  rules: PointRulesDoc;
  /**
   * The person asked for by `personId`, with their roles and whether they hold a balance in the
   * document's community (`point_balances/<communityId>:<personId>`); null when there is no such user.
   */
  person: { user: UserDoc; roles: RoleDoc[]; hasBalance: boolean } | null;
  /**
   * Whether the document's own `userId` holds a balance in its community (only when asked for
   * with `ownerBalance`; null otherwise) — a hint for a credit to that person.
   */
  ownerHasBalance: boolean | null;
  /** Work units named as the document's `sameNameField` says (any community: the caller filters). */
  sameName: Array<{ _id: string; communityId: string; name: string }>;
}

type Row = Record<string, unknown>;

/**
 * Removes and returns a joined field of the row: its documents ([] when absent; a join through
 * an array field that matched nothing can come back as `[null]` locally, which is dropped).
 */
function take<T>(row: Row, field: string): T[] {
  const value = row[field];
  delete row[field];
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as T[]) : [];
}

export async function loadWithCaller<T extends { communityId: string }>(
  ctx: Ctx,
  collection: CollectionName,
  id: string,
  opts: { rules?: boolean; personId?: string; sameNameField?: string; ownerBalance?: boolean } = {},
): Promise<WithCaller<T> | null> {
  const openid = requireOpenid(ctx);
  const $ = ctx.db.command.aggregate;
  const literals: Record<string, unknown> = { _callerOpenid: $.literal(openid) };
  if (opts.personId !== undefined) {
    literals['_personId'] = $.literal(opts.personId);
    literals['_personBalanceId'] = $.concat(['$communityId', ':', $.literal(opts.personId)]);
  }
  if (opts.ownerBalance) literals['_ownerBalanceId'] = $.concat(['$communityId', ':', '$userId']);
  const lookups: Lookup[] = [
    { from: Collections.users, localField: '_callerOpenid', foreignField: 'openid', as: '_caller' },
    { from: Collections.roles, localField: '_caller._id', foreignField: 'userId', as: '_callerRoles' },
  ];
  if (opts.rules) {
    lookups.push({ from: Collections.pointRules, localField: 'communityId', foreignField: '_id', as: '_pointRules' });
  }
  if (opts.personId !== undefined) {
    lookups.push(
      { from: Collections.users, localField: '_personId', foreignField: '_id', as: '_person' },
      { from: Collections.roles, localField: '_personId', foreignField: 'userId', as: '_personRoles' },
      { from: Collections.pointBalances, localField: '_personBalanceId', foreignField: '_id', as: '_personBalance' },
    );
  }
  if (opts.ownerBalance) {
    lookups.push({
      from: Collections.pointBalances,
      localField: '_ownerBalanceId',
      foreignField: '_id',
      as: '_ownerBalance',
    });
  }
  if (opts.sameNameField !== undefined) {
    lookups.push({
      from: Collections.workUnits,
      localField: opts.sameNameField,
      foreignField: 'name',
      as: '_sameName',
    });
  }
  const row = await getByIdWith<Row>(ctx, collection, id, (one) =>
    lookups.reduce((q, lookup) => q.lookup(lookup), one.addFields(literals)),
  );
  if (!row) return null;
  for (const field of ['_callerOpenid', '_personId', '_personBalanceId', '_ownerBalanceId']) delete row[field];
  const ownerBalance = opts.ownerBalance ? take<{ _id: string }>(row, '_ownerBalance') : null;
  const callers = take<UserDoc>(row, '_caller');
  const callerRoles = take<RoleDoc>(row, '_callerRoles');
  const pointRules = take<Partial<PointRulesDoc>>(row, '_pointRules');
  const persons = take<UserDoc>(row, '_person');
  const personRoles = take<RoleDoc>(row, '_personRoles');
  const personBalance = take<{ _id: string }>(row, '_personBalance');
  const sameName = take<{ _id: string; communityId: string; name: string }>(row, '_sameName');
  const caller = callers[0] ?? null;
  const actor = new Actor(openid, caller, caller ? callerRoles.filter((r) => r.userId === caller._id) : []);
  const doc = row as unknown as T;
  const person = persons[0]
    ? {
        user: persons[0],
        roles: personRoles.filter((r) => r.userId === persons[0]!._id),
        hasBalance: personBalance.some((b) => b._id === `${doc.communityId}:${persons[0]!._id}`),
      }
    : null;
  const ownerHasBalance = ownerBalance
    ? ownerBalance.some((b) => b._id === `${doc.communityId}:${(doc as { userId?: unknown }).userId as string}`)
    : null;
  return { doc, actor, rules: rulesOf(doc.communityId, pointRules[0]), person, ownerHasBalance, sameName };
}
