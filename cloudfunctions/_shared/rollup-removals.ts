/**
 * The note a verb writes before it removes a document the dashboard's roll-ups count
 * (docs/adr/0042-roll-ups.md): `rollup_removals/<collection>:<docId>`, dated by the server
 * clock. Invariants: written BEFORE the removal, so the fold job — which reads what changed by
 * time, and cannot see a document that is gone — finds the note in its window and folds the
 * document as it is then: gone (its contribution taken back), or still there when the removal
 * died after the note (as it is: nothing to take back); a note written twice (a retry) is the
 * same document, re-dated; the note changes no figure by itself.
 */
import { Collections, type CollectionName } from './collections';
import type { Ctx } from './context';

export async function noteRemoval(
  ctx: Ctx,
  collection: CollectionName,
  doc: { _id: string; communityId: string },
): Promise<void> {
  await ctx.db
    .collection(Collections.rollupRemovals)
    .doc(`${collection}:${doc._id}`)
    .set({ communityId: doc.communityId, collection, docId: doc._id, at: ctx.now() });
}
