/**
 * The caller (as `loadActor` reads them: the user by OPENID with their roles) and the documents
 * an action acts on, in ONE request (issue #13 part 4, docs/adr/0017): an aggregation on the
 * caller's user adds each wanted key as a literal field and joins the wanted documents by it
 * (`_id` or another indexed field); a join may also take its key from a field of a document
 * joined before it (`after`: e.g. a ledger entry's person). Invariants:
 * - the Actor is built exactly as `loadActor` builds it, so every permission check is the same;
 * - a caller without a profile is an Actor without user or roles, and every joined list is
 *   empty (the actions refuse such a caller before they look at anything joined);
 * - a wanted document that does not exist is an empty list.
 */
import { Actor } from '../../_shared/actor';
import { requireOpenid } from '../../_shared/auth';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { RoleDoc, UserDoc } from '../../_shared/documents';

export type Join =
  /** The documents of `from` whose `field` (default `_id`) is `value`. */
  | { from: string; field?: string; value: string }
  /** The documents of `from` whose `field` (default `_id`) is `path` of the documents of join `after`. */
  | { from: string; field?: string; after: string; path: string };

export async function actorWith<K extends string>(
  ctx: Ctx,
  joins: Record<K, Join>,
): Promise<{ actor: Actor; joined: Record<K, unknown[]> }> {
  const openid = requireOpenid(ctx);
  const $ = ctx.db.command.aggregate;
  const keys = Object.keys(joins) as K[];
  const literal = keys.filter((k) => 'value' in joins[k]);
  let query = ctx.db
    .collection(Collections.users)
    .aggregate()
    .match({ openid })
    .limit(1)
    .lookup({ from: Collections.roles, localField: '_id', foreignField: 'userId', as: 'roles' });
  if (literal.length > 0) {
    query = query.addFields(
      Object.fromEntries(literal.map((k) => [`_want_${k}`, $.literal((joins[k] as { value: string }).value)])),
    );
  }
  for (const k of keys) {
    const j = joins[k];
    query = query.lookup({
      from: j.from,
      localField: 'value' in j ? `_want_${k}` : `_got_${j.after}.${j.path}`,
      foreignField: j.field ?? '_id',
      as: `_got_${k}`,
    });
  }
  const row = ((await query.end()).data as Array<Record<string, unknown>>)[0];
  const joined = Object.fromEntries(
    keys.map((k) => [k, (row?.[`_got_${k}`] as unknown[] | undefined) ?? []]),
  ) as Record<K, unknown[]>;
  if (!row) return { actor: new Actor(openid, null, []), joined };
  const user = { ...row } as Record<string, unknown>;
  const roles = (user['roles'] as RoleDoc[] | undefined) ?? [];
  delete user['roles'];
  for (const k of keys) {
    delete user[`_want_${k}`];
    delete user[`_got_${k}`];
  }
  return { actor: new Actor(openid, user as unknown as UserDoc, roles), joined };
}
