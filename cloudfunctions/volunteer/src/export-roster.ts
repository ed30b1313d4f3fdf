/**
 * volunteer.exportRoster — the roster as an xlsx workbook with Chinese headers, for the
 * organiser (while they still hold the role that let them publish it) and admins. Invariants:
 * the same rows as `roster`, phones in full only for them; times in China Standard Time;
 * a sign-up done by a proxy for the person says so (代办 column, "代办：<proxy name>", empty
 * otherwise — docs/adr/0040-proxy-acts.md); writes nothing.
 */
import { cstDay, formatCst } from '../../../types/time';
import { signupStateLabels, type ExportFile, type ExportRosterInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { requireManager } from './permissions';
import { rosterEntries } from './roster-entries';
import { loadActivity } from './store';
import { buildXlsx } from '../../_shared/xlsx';

export async function exportRoster({ ctx, input }: { ctx: Ctx; input: ExportRosterInput }): Promise<ExportFile> {
  const actor = await loadActor(ctx);
  const activity = await loadActivity(ctx, input.activityId);
  requireManager(actor, activity);
  const entries = await rosterEntries(ctx, activity);
  const base64 = await buildXlsx({
    name: '报名名单',
    headers: [
      '姓名',
      '手机号',
      '状态',
      '候补位次',
      '签到时间',
      '签退时间',
      '服务时长（小时）',
      '自动签退',
      '更正原因',
      '代办',
    ],
    widths: [12, 14, 10, 10, 18, 18, 16, 10, 24, 16],
    rows: entries.map((e) => [
      e.userName,
      e.phone ?? '',
      signupStateLabels[e.state],
      e.waitlistPosition ?? '',
      e.checkedInAt ? formatCst(e.checkedInAt) : '',
      e.checkedOutAt ? formatCst(e.checkedOutAt) : '',
      e.hours,
      e.autoClosed ? '是' : '',
      e.correctedReason ?? '',
      e.proxyName ? `代办：${e.proxyName}` : '',
    ]),
  });
  const day = cstDay(activity.startAt);
  return { fileName: `志愿活动名单-${activity.title}-${day}.xlsx`, base64, rows: entries.length };
}
