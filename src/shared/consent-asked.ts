/**
 * Which subscription kinds this run of the app has asked consent for (./subscribe.ts, both
 * builds). A way in to a screen — the 心愿 tab's review banner, the home's to-do card — asks only
 * for kinds not asked yet, so a reviewer who answered (at the way in, at 订阅待审提醒, at a 发布)
 * meets the dialog at most once a run there. A choice the person made permanent in WeChat's
 * dialog (总是保持以上选择) needs nothing here: WeChat answers such an ask itself, without a
 * dialog — an accept is one more consent, counted like any other. The acts themselves (发布,
 * 订阅待审提醒, 提交…) ask every time: each consent covers one message.
 */
const asked = new Set<string>();

export function noteAsked(kinds: readonly string[]): void {
  for (const kind of kinds) asked.add(kind);
}

/** The kinds of `kinds` not asked for yet in this run. */
export function notAskedYet<K extends string>(kinds: readonly K[]): K[] {
  return kinds.filter((kind) => !asked.has(kind));
}
