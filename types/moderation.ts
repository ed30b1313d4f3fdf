/**
 * Text held for manual review (待人工审核): when WeChat's content check cannot decide — it
 * suggests human review, is busy, fails or times out — the text is saved with a hold instead of
 * being refused (docs/adr/0018-open-api-via-cloud-calls.md). Until a reviewer clears it, held
 * text is shown only to its author and the reviewers; everyone else sees HELD_PLACEHOLDER.
 */
import { z } from 'zod';
import { Id, IsoTime, PageInput, Paged } from './common';

export const HoldCause = z.enum(['review', 'busy', 'unavailable', 'timeout']);
export type HoldCause = z.infer<typeof HoldCause>;
export const holdCauseLabels: Record<HoldCause, string> = {
  review: '需人工复核',
  busy: '内容检查服务繁忙',
  unavailable: '内容检查暂不可用',
  timeout: '内容检查超时',
};

/** What others see in place of a held text. */
export const HELD_PLACEHOLDER = '（内容待人工审核）';
/** What replaces a text a reviewer rejected. */
export const REMOVED_TEXT = '（内容未通过审核，已删除）';
/** What the user is told when their text was saved but held. */
export const HELD_NOTICE = '已提交，内容待人工审核';

/** A held field as its author sees it (the label "待人工审核" next to it): no text. */
export const HeldField = z.object({
  field: z.string().describe("the document path of the text, e.g. 'title', 'fulfilment.note'"),
  label: z.string().describe('what the field is, in Chinese (标题, 完成说明…)'),
  cause: HoldCause,
  at: IsoTime,
});
export type HeldField = z.infer<typeof HeldField>;

/** A held text as a reviewer sees it. */
export const HeldText = HeldField.extend({ text: z.string(), authorName: z.string() });
export type HeldText = z.infer<typeof HeldText>;

export const HeldKind = z.enum(['wish', 'topic', 'opinion', 'objection', 'rating']);
export type HeldKind = z.infer<typeof HeldKind>;
export const heldKindLabels: Record<HeldKind, string> = {
  wish: '心愿',
  topic: '议题',
  opinion: '议事意见',
  objection: '公示异议',
  rating: '议事评价',
};

/** One document with held text, for the reviewers' list. */
export const HeldItem = z.object({
  kind: HeldKind,
  id: Id,
  /** The topic the opinion/objection/rating belongs to (null for wishes and topics). */
  topicId: Id.nullable(),
  /** What the document is about: the wish's or topic's title. */
  title: z.string(),
  holds: z.array(HeldText),
  at: IsoTime,
});
export type HeldItem = z.infer<typeof HeldItem>;

export const HeldTextsInput = PageInput.extend({ communityId: Id }).strict();
export type HeldTextsInput = z.infer<typeof HeldTextsInput>;
export const HeldPage = Paged(HeldItem);
export type HeldPage = z.infer<typeof HeldPage>;

export const HoldDecision = z.enum(['pass', 'reject']);
export type HoldDecision = z.infer<typeof HoldDecision>;

export const ClearHoldResult = z.object({
  kind: HeldKind,
  id: Id,
  decision: HoldDecision,
  /** The fields this call cleared (empty when they were cleared already: a retry). */
  cleared: z.array(z.string()),
  /** Held fields left on the document. */
  remaining: z.number().int(),
});
export type ClearHoldResult = z.infer<typeof ClearHoldResult>;
