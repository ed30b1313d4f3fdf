/**
 * dashboard.rebuildRollups — an admin of the community (FORBIDDEN `auth.not-admin` otherwise)
 * recounts the community's roll-ups from its documents, reports every figure that differed and
 * stores the recount. Invariants:
 * - the recount applies the same contributions as the fold job (rollup-model.ts) to every
 *   document of the community, so a clean database reports no difference and a second rebuild
 *   reports none either;
 * - every difference is reported `{ id, path, stored, counted }` (the first 200; `differences`
 *   counts all); the roll-up documents and marks are then set to the recount (not in one
 *   transaction: a fold of the same community's documents at that very moment can leave a
 *   difference, which the next rebuild reports and repairs);
 * - audited, one entry per rebuild that changed something; a clean rebuild writes nothing.
 */
import type { RebuildRollupsInput, RebuildRollupsReport } from '../../../types/dashboard';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { differences, recountUnits, storedRollups, sumUnits } from './rollup-fold';
import { periodOf } from './rollup-model';

const REPORTED = 200;

/** Recounts and stores a community's roll-ups; returns the differences found. */
export async function rebuildCommunity(ctx: Ctx, communityId: string, options = { marks: true }) {
  const units = await recountUnits(ctx, communityId);
  const counted = sumUnits(units);
  const stored = await storedRollups(ctx, communityId);
  const diffs = differences(stored, counted);
  if (diffs.length > 0) {
    const rollups = ctx.db.collection(Collections.rollups);
    for (const id of new Set([...stored.keys(), ...counted.keys()])) {
      const figures = counted.get(id);
      if (figures) await rollups.doc(id).set({ communityId, period: periodOf(id), ...figures, updatedAt: ctx.now() });
      else await rollups.doc(id).remove();
    }
  }
  // The marks follow the recount, so the next fold adds only what changes after it.
  if (!options.marks) return { units: units.length, diffs };
  const marks = ctx.db.collection(Collections.rollupMarks);
  await marks.where({ communityId }).remove();
  for (let i = 0; i < units.length; i += 500) {
    const docs = units.slice(i, i + 500).map((u) => ({ _id: u.markId, communityId, parts: u.parts }));
    if (docs.length > 0) await marks.add(docs);
  }
  return { units: units.length, diffs };
}

export async function rebuildRollups({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RebuildRollupsInput;
}): Promise<RebuildRollupsReport> {
  const admin = (await loadActor(ctx)).requireAdminOf(input.communityId);
  const { units, diffs } = await rebuildCommunity(ctx, input.communityId);
  if (diffs.length > 0) {
    await writeAudit(ctx, admin, {
      communityId: input.communityId,
      action: 'dashboard.rebuildRollups',
      targetKind: 'community',
      targetId: input.communityId,
      summary: `重算数据看板汇总，修正 ${diffs.length} 项`,
      before: null,
      after: { differences: diffs.length },
    });
  }
  return { checked: units, differences: diffs.length, repaired: diffs.slice(0, REPORTED) };
}
