/**
 * What the app says about text held for manual review (待人工审核, docs/adr/0018): the notice
 * after a write whose text was held, and the labels of causes and kinds. Types only from
 * ~types (no schema code in the client bundle).
 */
import type { HeldKind, HoldCause } from '~types/moderation';

/** The toast after a write whose text was saved but held. */
export const HELD_NOTICE = '已提交，内容待人工审核';
/** The tag next to held text its author sees. */
export const HELD_TAG = '待人工审核';

export const holdCauseText: Record<HoldCause, string> = {
  review: '需人工复核',
  busy: '检查服务繁忙',
  unavailable: '检查服务不可用',
  timeout: '检查超时',
};

export const heldKindText: Record<HeldKind, string> = {
  wish: '心愿',
  topic: '议题',
  opinion: '议事意见',
  objection: '公示异议',
  rating: '议事评价',
};
