/**
 * Telling people what happened to a wish: an in-app message and a subscription message to their
 * WeChat — `wishProgress` to the poster, `claimProgress` to the claimer about their claim. Invariants: every key names the wish and the event (and the claim's
 * number for claim events, since a wish may be claimed again), so a retried or repeated move
 * never tells anyone twice; a notification's in-app message is written with its move — owed in
 * the move's own write (move.ts `tell`, docs/adr/0031) or added in its transaction (wish.confirm)
 * — and the subscription message is sent after the move.
 */
import { wishStateLabels } from '../../../types/wish';
import type { Ctx } from '../../_shared/context';
import { notify, type Notification } from '../../_shared/notify';
import type { WishDoc } from './store';

export function wishLink(wishId: string): string {
  return `/packages/wish/pages/detail/index?id=${encodeURIComponent(wishId)}`;
}

export interface WishNotice {
  /** The event, appended to `wish:<id>:` to form the idempotency key. */
  event: string;
  to: { userId: string; openid: string | null };
  title: string;
  body: string;
  /**
   * Set for a notice to the claimer about their claim (a `claimProgress` message): the claim's
   * status in at most five Chinese characters, e.g. 已确认. Absent: the poster's `wishProgress`,
   * whose status is the wish's state.
   */
  claimStatus?: string;
}

/** The notification `tell` sends (for a move that writes its message in its own transaction). */
export function noticeOf(ctx: Pick<Ctx, 'now'>, wish: WishDoc, n: WishNotice): Notification {
  return {
    key: `wish:${wish._id}:${n.event}`,
    userId: n.to.userId,
    communityId: wish.communityId,
    kind: 'wish',
    title: n.title,
    body: n.body,
    link: wishLink(wish._id),
    ...(n.to.openid
      ? {
          subscription:
            n.claimStatus === undefined
              ? {
                  kind: 'wishProgress' as const,
                  openid: n.to.openid,
                  values: {
                    wishId: wish._id,
                    wishTitle: wish.title,
                    status: wishStateLabels[wish.state],
                    notice: n.title,
                    time: ctx.now(),
                  },
                }
              : {
                  kind: 'claimProgress' as const,
                  openid: n.to.openid,
                  values: {
                    wishId: wish._id,
                    wishTitle: wish.title,
                    status: n.claimStatus,
                    notice: n.title,
                    time: ctx.now(),
                  },
                },
        }
      : {}),
  };
}

export async function tell(ctx: Ctx, wish: WishDoc, n: WishNotice): Promise<void> {
  await notify(ctx, noticeOf(ctx, wish, n));
}

export const posterOf = (wish: WishDoc) => ({ userId: wish.posterId, openid: wish.posterOpenid });

export function claimerOf(wish: WishDoc): { userId: string; openid: string | null } | null {
  return wish.claimerId ? { userId: wish.claimerId, openid: wish.claimerOpenid } : null;
}

/** `“需要一个助行器”` */
export const quoted = (wish: WishDoc) => `“${wish.title}”`;
