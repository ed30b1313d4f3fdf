/**
 * 代办 (acting for a resident) — the acts a consent may allow and their Chinese labels, without
 * zod: the app imports these (docs/adr/0021); the schemas in ../proxy.ts are built from them.
 * See docs/adr/0040-proxy-acts.md.
 */
export const PROXY_ACTS = ['post_wish', 'confirm_wish', 'sign_up', 'post_opinion', 'cast_ballot'] as const;
export type ProxyAct = (typeof PROXY_ACTS)[number];
export const proxyActLabels: Record<ProxyAct, string> = {
  post_wish: '发布心愿',
  confirm_wish: '确认心愿完成并评价',
  sign_up: '报名志愿活动',
  post_opinion: '提交议事意见',
  cast_ballot: '代表本户投票',
};

export const CONSENT_KINDS = ['verbal', 'written'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
export const consentKindLabels: Record<ConsentKind, string> = {
  verbal: '口头同意',
  written: '书面委托书',
};

/** How every view names a proxy act: "代办 by 李网格" in the app's words. */
export function proxyMark(proxy: { actorName: string } | null | undefined): string | null {
  return proxy ? `由${proxy.actorName}代办` : null;
}

/**
 * The audit action of each 代办 act (the verbs' `proxyAuditDoc` entries), the act it is, and the
 * area whose `refuseProxyAct` undoes it (docs/adr/0044-refusing-a-proxy-act.md).
 */
export const PROXY_ACT_ENTRIES: Record<string, { act: ProxyAct; area: 'wish' | 'volunteer' | 'deliberation' }> = {
  'proxy.postWish': { act: 'post_wish', area: 'wish' },
  'proxy.confirmWish': { act: 'confirm_wish', area: 'wish' },
  'proxy.signUp': { act: 'sign_up', area: 'volunteer' },
  'proxy.postOpinion': { act: 'post_opinion', area: 'deliberation' },
  'proxy.castBallot': { act: 'cast_ballot', area: 'deliberation' },
};

/** The audit action of an admin's refusal of one 代办 act. */
export const PROXY_REFUSE_ACTION = 'proxy.refuseAct';
