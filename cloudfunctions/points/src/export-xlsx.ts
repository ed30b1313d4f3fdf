/**
 * points.exportXlsx — a quarter report, a work unit's service cards or a year's ratings as an
 * xlsx file with Chinese headers (base64), with its file name and number of data rows.
 * Invariants: the same permissions as the underlying report (quarter report and ratings:
 * admins of the community; service cards: the unit's liaison or the community's admins, and
 * the unit must belong to the named community); the same data as the report (same code);
 * a missing parameter for the kind is VALIDATION; writes nothing. Requests: the caller and
 * the report's own reads, the community's name read with them — four at most.
 */
import { AppError } from '../../../types/errors';
import { gradeLabels, type ExportFile, type ExportInput } from '../../../types/points';
import { formatCst } from '../../../types/time';
import { loadActor, type Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { serviceCardsOf, unitForCards } from './cards';
import { requireAdmin, requireUnitViewer, requireWorkUnit } from './permissions';
import { quarterReportOf } from './quarter';
import { yearRatings } from './ratings';
import { buildXlsx, type Sheet } from '../../_shared/xlsx';
import { getById } from '../../_shared/db-helpers';

function missing(field: string, message: string): AppError {
  return new AppError('VALIDATION', 'input.invalid', `填写的内容有误：${message}`, { [field]: message });
}

async function communityName(ctx: Ctx, communityId: string): Promise<string> {
  return (await getById(ctx, Collections.communities, communityId))?.name ?? communityId;
}

/** A sheet, its title, and the community's name (read with the data when the data has it). */
interface Built {
  sheet: Sheet;
  title: string;
  communityName: string;
}

async function quarterSheet(ctx: Ctx, actor: Actor, input: ExportInput): Promise<Built> {
  if (!input.quarter) throw missing('quarter', '请选择季度');
  requireAdmin(actor, input.communityId);
  const { report, communityName } = await quarterReportOf(ctx, input.communityId, input.quarter);
  return {
    communityName,
    title: `${input.quarter}季度考核`,
    sheet: {
      name: `${input.quarter}季度考核`,
      headers: ['排名', '姓名', '报到单位', '季度积分', '达标分', '是否达标'],
      widths: [8, 12, 24, 10, 10, 10],
      rows: report.rows.map((r) => [
        r.rank,
        r.userName,
        r.workUnitName ?? '',
        r.points,
        report.threshold,
        r.qualified ? '达标' : '未达标',
      ]),
    },
  };
}

async function cardsSheet(ctx: Ctx, actor: Actor, input: ExportInput): Promise<Built> {
  if (!input.workUnitId) throw missing('workUnitId', '请选择报到单位');
  if (!input.quarter) throw missing('quarter', '请选择季度');
  if (!actor.has('admin') && !actor.has('liaison')) {
    throw new AppError('FORBIDDEN', 'points.not-unit-viewer', '只有本单位的联络员或社区管理员可以查看');
  }
  const found = requireWorkUnit(await unitForCards(ctx, input.workUnitId, input.quarter));
  const { unit } = found;
  requireUnitViewer(actor, unit);
  if (unit.communityId !== input.communityId) {
    throw new AppError('NOT_FOUND', 'work-unit.not-found', '本社区没有这个报到单位');
  }
  const cards = await serviceCardsOf(ctx, found, input.quarter);
  return {
    communityName: found.communityName,
    title: `${unit.name}-${input.quarter}服务卡`,
    sheet: {
      name: `${input.quarter}服务卡`,
      headers: ['姓名', '报到单位', '参加活动（次）', '志愿服务（小时）', '完成微心愿（个）', '季度积分', '年度评定'],
      widths: [12, 24, 14, 16, 16, 10, 10],
      rows: cards.cards.map((c) => [
        c.userName,
        cards.workUnitName,
        c.events,
        c.hours,
        c.wishes,
        c.points,
        c.rating ? gradeLabels[c.rating] : '未评定',
      ]),
    },
  };
}

async function ratingsSheet(ctx: Ctx, actor: Actor, input: ExportInput): Promise<Built> {
  if (input.year === undefined) throw missing('year', '请选择年度');
  requireAdmin(actor, input.communityId);
  const [ratings, name] = await Promise.all([
    yearRatings(ctx, input.communityId, input.year),
    communityName(ctx, input.communityId),
  ]);
  return {
    communityName: name,
    title: `${input.year}年度评定`,
    sheet: {
      name: `${input.year}年度评定`,
      headers: ['评定对象', '名称', '评定等级', '评语', '评定时间'],
      widths: [10, 24, 10, 40, 18],
      rows: ratings.map((r) => [
        r.target === 'member' ? '党员' : '报到单位',
        r.targetName,
        gradeLabels[r.grade],
        r.comment,
        formatCst(r.ratedAt),
      ]),
    },
  };
}

export async function exportXlsx({ ctx, input }: { ctx: Ctx; input: ExportInput }): Promise<ExportFile> {
  const actor = await loadActor(ctx);
  const build =
    input.kind === 'quarter_report' ? quarterSheet : input.kind === 'service_cards' ? cardsSheet : ratingsSheet;
  const { sheet, title, communityName: name } = await build(ctx, actor, input);
  return {
    fileName: `${name}-${title}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'),
    base64: await buildXlsx(sheet),
    rows: sheet.rows.length,
  };
}
