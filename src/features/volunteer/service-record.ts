/**
 * 服务证明 as a picture: what it says and how it is drawn on a 2D canvas (the same drawing in
 * the browser and in WeChat; see save-record*.ts for how each saves it).
 */
import { formatShanghaiDate } from '@/shared/format-time';
import { formatHours } from './wall-time';

export interface ServiceRecord {
  name: string;
  community: string;
  totalHours: number;
  activities: Array<{ title: string; date: string; hours: number }>;
  issuedAt: string;
}

/** The part of CanvasRenderingContext2D the drawing needs (WeChat's 2D context has it too). */
export interface Ctx2d {
  fillStyle: unknown;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  strokeRect?(x: number, y: number, w: number, h: number): void;
  measureText(text: string): { width: number };
}

export const RECORD_WIDTH = 750;
const ROW = 64;
const MAX_ROWS = 20;

export function recordHeight(r: ServiceRecord): number {
  return 620 + Math.min(r.activities.length, MAX_ROWS) * ROW + (r.activities.length > MAX_ROWS ? ROW : 0);
}

function clip(ctx: Ctx2d, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return `${t}…`;
}

export function drawRecord(ctx: Ctx2d, r: ServiceRecord): void {
  const W = RECORD_WIDTH;
  const H = recordHeight(r);
  const font = (size: number, bold = false) =>
    `${bold ? 'bold ' : ''}${size}px "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#c8102e';
  ctx.fillRect(0, 0, W, 150);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.fillStyle = '#ffffff';
  ctx.font = font(48, true);
  ctx.fillText('志愿服务证明', W / 2, 62);
  ctx.font = font(26);
  ctx.fillText(r.community, W / 2, 116);

  ctx.textAlign = 'left';
  ctx.fillStyle = '#1f1f1f';
  ctx.font = font(34, true);
  ctx.fillText(`志愿者：${r.name}`, 48, 214);
  ctx.fillStyle = '#666666';
  ctx.font = font(28);
  ctx.fillText('累计志愿服务时长', 48, 284);
  ctx.fillStyle = '#c8102e';
  ctx.font = font(72, true);
  ctx.fillText(`${formatHours(r.totalHours)} 小时`, 48, 360);

  ctx.fillStyle = '#ececec';
  ctx.fillRect(48, 420, W - 96, 2);
  ctx.fillStyle = '#1f1f1f';
  ctx.font = font(28, true);
  ctx.fillText('服务记录', 48, 460);
  let y = 460 + ROW;
  ctx.font = font(26);
  for (const a of r.activities.slice(0, MAX_ROWS)) {
    ctx.fillStyle = '#666666';
    ctx.textAlign = 'left';
    ctx.fillText(a.date, 48, y);
    ctx.fillStyle = '#1f1f1f';
    ctx.fillText(clip(ctx, a.title, 400), 210, y);
    ctx.textAlign = 'right';
    ctx.fillText(`${formatHours(a.hours)} 小时`, W - 48, y);
    y += ROW;
  }
  if (r.activities.length > MAX_ROWS) {
    ctx.textAlign = 'left';
    ctx.fillStyle = '#666666';
    ctx.fillText(`等共 ${r.activities.length} 次服务`, 48, y);
    y += ROW;
  }
  if (r.activities.length === 0) {
    ctx.textAlign = 'left';
    ctx.fillStyle = '#666666';
    ctx.fillText('暂无已完成的志愿服务', 48, y);
  }
  ctx.fillStyle = '#ececec';
  ctx.fillRect(48, H - 110, W - 96, 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = '#999999';
  ctx.font = font(24);
  ctx.fillText(`红色邻里 · 开具日期 ${formatShanghaiDate(r.issuedAt)}`, W / 2, H - 60);
}
