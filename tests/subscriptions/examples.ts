/**
 * The subscription messages these tests send and what the example templates
 * (deploy/examples/subscriptions.json) make of them, written once.
 */

/** 14:05 in Shanghai on 6 December 2026. */
export const at = new Date('2026-12-06T06:05:00Z');

/** A wish's claim as the wishProgress kind carries it. */
export const wishClaimed = {
  wishId: 'wish-1',
  wishTitle: '需要一个助行器',
  status: '已认领',
  notice: '您的心愿已被认领',
  time: at,
};

/** The fields of the wishProgress template for `wishClaimed`. */
export const wishClaimedFields = {
  thing1: { value: '需要一个助行器' },
  phrase2: { value: '已认领' },
  time3: { value: '2026年12月06日 14:05' },
  thing4: { value: '您的心愿已被认领' },
};

/** An activity as the waitlistPromoted and activityCancelled kinds carry it. */
export const activity = { activityId: 'a1', activityTitle: '周末敬老院探访', startAt: at, place: '幸福里敬老院' };

/** The fields of the activityCancelled template for `activity` called off for the weather. */
export const activityCancelledFields = {
  thing1: { value: '周末敬老院探访' },
  time2: { value: '2026年12月06日 14:05' },
  thing3: { value: '天气原因' },
  thing7: { value: '幸福里敬老院' },
};
