/**
 * Counting wrong 6-digit check-in codes (docs/adr/0036), so that guessing is slow, for events
 * (checkin) and volunteer activities alike: a counter document per person (`person:<userId>`,
 * one budget across every event and activity) and per thing guessed at (`event:<eventId>`,
 * `activity:<activityId>`) in `checkin_guesses`. Invariants:
 * - a window lasts GUESS_WINDOW_MS from its first counted attempt; a counter whose window has
 *   passed counts from zero again (reset by the next attempt, never by a timer);
 * - every change is one conditional write on the document as read (same `windowStart`, and for a
 *   raise `count` below the limit) or an add with the deterministic `_id`; a write that finds the
 *   document changed re-reads and tries again, so concurrent attempts — in any number of function
 *   instances — never raise a counter past its limit; after a few lost races the caller is told
 *   `busy` (and refuses in its own words);
 * - `reserve` takes an attempt BEFORE the code is checked: a burst of simultaneous guesses gets at
 *   most the limit through; a right (or expired) code gives it back with `release`. A crash in
 *   between loses the person one attempt of their window, nothing else;
 * - nothing here is a transaction and nothing here credits anything.
 */
import type { Ctx } from './context';
import { getById, isDuplicateWrite } from './db-helpers';
import type { GuessCounterDoc } from '../../types/documents';
import { Collections } from './collections';

export const GUESS_WINDOW_MS = 10 * 60 * 1000;
/** Wrong codes one person may type in a window (across all events and activities). */
export const PERSON_GUESS_LIMIT = 5;
/** Wrong codes everyone together may type for one event or activity in a window. */
export const SUBJECT_GUESS_LIMIT = 200;

export const personCounterId = (userId: string) => `person:${userId}`;

const live = (doc: GuessCounterDoc, now: Date): boolean =>
  now.getTime() - new Date(doc.windowStart).getTime() < GUESS_WINDOW_MS;

/** The counters with these ids (absent ones left out), in one request. */
export async function readCounters(ctx: Ctx, ids: string[]): Promise<Map<string, GuessCounterDoc>> {
  const { data } = await ctx.db
    .collection(Collections.checkinGuesses)
    .where({ _id: ctx.db.command.in(ids) })
    .get();
  return new Map((data as GuessCounterDoc[]).map((d) => [d._id, d]));
}

/** When the counter's window ends if it is at its limit now; null while attempts remain. */
export function blockedUntil(doc: GuessCounterDoc | undefined, limit: number, now: Date): Date | null {
  if (!doc || !live(doc, now) || doc.count < limit) return null;
  return new Date(new Date(doc.windowStart).getTime() + GUESS_WINDOW_MS);
}

export type Reserved =
  { ok: true; windowStart: Date; count: number } | { ok: false; retryAt: Date } | { ok: false; busy: true };

/** Counts one attempt on the counter unless it is at its limit (then says until when). */
export async function reserve(
  ctx: Ctx,
  id: string,
  limit: number,
  now: Date,
  known: GuessCounterDoc | undefined,
): Promise<Reserved> {
  const coll = ctx.db.collection(Collections.checkinGuesses);
  const _ = ctx.db.command;
  let doc = known;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (!doc) {
      try {
        await coll.add({ _id: id, count: 1, windowStart: now });
        return { ok: true, windowStart: now, count: 1 };
      } catch (error) {
        if (!isDuplicateWrite(error)) throw error;
      }
    } else if (!live(doc, now)) {
      const res = (await coll
        .where({ _id: id, windowStart: doc.windowStart })
        .update({ count: 1, windowStart: now })) as {
        updated?: number;
      };
      if (res.updated === 1) return { ok: true, windowStart: now, count: 1 };
    } else {
      const until = blockedUntil(doc, limit, now);
      if (until) return { ok: false, retryAt: until };
      const res = (await coll
        .where({ _id: id, windowStart: doc.windowStart, count: _.lt(limit) })
        .update({ count: _.inc(1) })) as { updated?: number };
      if (res.updated === 1) return { ok: true, windowStart: new Date(doc.windowStart), count: doc.count + 1 };
    }
    doc = (await getById(ctx, Collections.checkinGuesses, id)) ?? undefined;
  }
  return { ok: false, busy: true };
}

/** Gives back an attempt `reserve` took (only within the same window, never below zero). */
export async function release(ctx: Ctx, id: string, windowStart: Date): Promise<void> {
  const _ = ctx.db.command;
  await ctx.db
    .collection(Collections.checkinGuesses)
    .where({ _id: id, windowStart, count: _.gt(0) })
    .update({ count: _.inc(-1) });
}
