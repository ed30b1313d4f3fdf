/**
 * 代办 (docs/adr/0040-proxy-acts.md): a 网格员 of the resident's grid, or the building's leader,
 * records a consent and acts for the resident — post a wish, confirm one, sign up, post an
 * opinion, cast the household's ballot on a written 委托书 — and every act is stamped, audited
 * with its grid, credited to the resident, and refused (nothing written) without a consent, outside
 * the grid, on a withdrawn consent or for the proxy's own household.
 */
import { z } from 'zod';
import { WishDetail } from '../../types/wish';
import { BallotReceipt, Turnout } from '../../types/deliberation';
import { MyProxyConsents, ProxyConsent, ProxyLookup } from '../../types/proxy';
import { ExportFile, Roster, SignupResult } from '../../types/volunteer';
import { DEMO, demoPersonas as P, fileFixture } from '../support/fixtures';
import { consentOf, FAR_GW, GW, proxyOpinion, RESIDENT_HH, RESIDENT_ID, seedGrids, writtenConsentOf } from './helpers';
import { expectError, expectOk } from '../account/helpers';
import { crashAt, resetCrashPointsAfterEach } from '../support/crash-points';
import { wishIn, wishInput } from '../wish/helpers';
import { openTopic, topicIn, setTopic } from '../deliberation/helpers';
import { aRole } from '../support/factories';
import { publish } from '../volunteer/helpers';

const f = fileFixture(seedGrids);
resetCrashPointsAfterEach({ quiet: true });

const consent = (over: Record<string, unknown> = {}, openid = GW) => consentOf(f, over, openid);
const writtenConsent = (over: Record<string, unknown> = {}, openid = GW) => writtenConsentOf(f, over, openid);

const proxyAudits = (action: string) => f.find('audit_log', { action });

describe('recording a consent', () => {
  it('a grid worker records a resident’s consent, audited with the grid', async () => {
    const c = await consent();
    expect(c).toMatchObject({ residentName: '张秀英', actorName: '李网格', kind: 'verbal', offline: false });
    const [entry] = f.find('audit_log', { _id: `audit-proxy.recordConsent:${c.id}` });
    expect(entry).toMatchObject({ gridId: 'grid-1', actorId: 'user-gw', residentId: RESIDENT_ID });
  });

  it('a written consent needs the 委托书 photo', async () => {
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(GW, 'account', 'recordProxyConsent', {
          communityId: DEMO,
          householdId: RESIDENT_HH,
          residentId: RESIDENT_ID,
          scope: ['cast_ballot'],
          kind: 'written',
        }),
        'VALIDATION',
        'proxy.photo-required',
      ),
    );
  });

  it('a grid worker of another grid is refused, nothing written', async () => {
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(FAR_GW, 'account', 'recordProxyConsent', {
          communityId: DEMO,
          householdId: RESIDENT_HH,
          residentId: RESIDENT_ID,
          scope: ['post_wish'],
          kind: 'verbal',
        }),
        'FORBIDDEN',
        'proxy.outside-scope',
      ),
    );
  });

  it('the building leader may not act for his own household', async () => {
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(P.leader, 'account', 'recordProxyConsent', {
          communityId: DEMO,
          householdId: 'hh-xfl-1-201',
          residentName: '陈家老人',
          scope: ['cast_ballot'],
          kind: 'verbal',
        }),
        'FORBIDDEN',
        'proxy.own-household',
      ),
    );
  });

  it('a resident without WeChat gets one offline record, found again by the lookup', async () => {
    const first = await consent({ householdId: 'hh-xfl-1-301', residentId: undefined, residentName: '孙阿婆' });
    const again = await consent({ householdId: 'hh-xfl-1-301', residentId: undefined, residentName: '孙阿婆' });
    expect(first.offline).toBe(true);
    expect(again.residentId).toBe(first.residentId);
    expect(f.find('users', { _id: first.residentId })).toEqual([
      expect.objectContaining({ offline: true, openid: `offline:${first.residentId}` }),
    ]);
    const found = expectOk(
      await f.call(GW, 'account', 'findProxyResident', { communityId: DEMO, buildingId: 'bld-xfl-1', room: '1-301' }),
      ProxyLookup,
    );
    expect(found.buildings.map((b) => b.id)).toEqual(['bld-xfl-1']);
    const she = found.household!.residents.find((r) => r.id === first.residentId)!;
    expect(she).toMatchObject({ name: '孙阿婆', offline: true });
    expect(she.consents).toHaveLength(2);
  });

  it('crash before the commit leaves no consent and no offline record', async () => {
    await f.expectNothingWritten(() =>
      crashAt('proxy.recordConsent.before-commit', () =>
        f.call(GW, 'account', 'recordProxyConsent', {
          communityId: DEMO,
          householdId: 'hh-xfl-1-401',
          residentName: '周老伯',
          scope: ['post_wish'],
          kind: 'verbal',
        }),
      ),
    );
  });
});

describe('posting a wish for a resident', () => {
  it('the wish is the resident’s, marked 代办, audited with the grid', async () => {
    const c = await consent();
    const wish = expectOk(await f.call(GW, 'wish', 'post', { ...wishInput(), proxy: { consentId: c.id } }), WishDetail);
    expect(wish.proxyName).toBe('李网格');
    const [doc] = f.find('wishes', { _id: wish.id });
    expect(doc).toMatchObject({
      posterId: RESIDENT_ID,
      householdId: RESIDENT_HH,
      proxy: { actorId: 'user-gw', actorName: '李网格', consentId: c.id },
    });
    expect(doc!.timeline[0].note).toBe('由李网格代办');
    const [entry] = f.find('audit_log', { _id: `audit-proxy.postWish:${wish.id}` });
    expect(entry).toMatchObject({ gridId: 'grid-1', actorName: '李网格', residentId: RESIDENT_ID });
    // The leader reviewing it sees the mark too.
    const seen = expectOk(await f.call(P.leader, 'wish', 'get', { wishId: wish.id }), WishDetail);
    expect(seen.proxyName).toBe('李网格');
  });

  it('refused without a consent, nothing written', async () => {
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(GW, 'wish', 'post', { ...wishInput(), proxy: { consentId: 'no-such-consent' } }),
        'NOT_FOUND',
        'proxy.consent-not-found',
      ),
    );
  });

  it('refused outside the grid, nothing written', async () => {
    const c = await consent();
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(FAR_GW, 'wish', 'post', { ...wishInput(), proxy: { consentId: c.id } }),
        'FORBIDDEN',
        'proxy.outside-scope',
      ),
    );
  });

  it('refused once the proxy has lost the role, though the consent still stands; nothing written', async () => {
    const c = await consent();
    const [role] = f.find('roles', { userId: 'user-gw', kind: 'grid_worker' });
    expectOk(await f.call(P.admin, 'account', 'revokeRole', { roleId: role!._id, reason: '调离本网格' }), z.unknown());
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(GW, 'wish', 'post', { ...wishInput(), proxy: { consentId: c.id } }),
        'FORBIDDEN',
        'proxy.outside-scope',
      ),
    );
    f.insert('roles', [role!]); // the other tests act as this grid worker
  });

  it('refused for an act the consent does not allow', async () => {
    const c = await consent({ scope: ['sign_up'] });
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(GW, 'wish', 'post', { ...wishInput(), proxy: { consentId: c.id } }),
        'FORBIDDEN',
        'proxy.act-not-consented',
      ),
    );
  });

  it('refused once the resident withdrew the consent; an admin’s withdrawal is a refusal', async () => {
    const c = await consent();
    const mine = expectOk(await f.call(P.resident, 'account', 'myProxyConsents', {}), MyProxyConsents);
    expect(mine.items.find((i) => i.id === c.id)).toMatchObject({ actorName: '李网格', withdrawnAt: null });
    const gone = expectOk(
      await f.call(P.resident, 'account', 'withdrawProxyConsent', { consentId: c.id }),
      ProxyConsent,
    );
    expect(gone).toMatchObject({ refused: false, withdrawnByName: '张秀英' });
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(GW, 'wish', 'post', { ...wishInput(), proxy: { consentId: c.id } }),
        'PRECONDITION_FAILED',
        'proxy.consent-withdrawn',
      ),
    );
    const other = await consent();
    const refused = expectOk(
      await f.call(P.admin, 'account', 'withdrawProxyConsent', { consentId: other.id, reason: '未见本人签字' }),
      ProxyConsent,
    );
    expect(refused.refused).toBe(true);
    expect(f.find('audit_log', { _id: `audit-proxy.withdrawConsent:${other.id}` })).toHaveLength(1);
    expectError(
      await f.call(FAR_GW, 'account', 'withdrawProxyConsent', { consentId: (await consent()).id }),
      'FORBIDDEN',
      'proxy.not-withdrawer',
    );
  });

  it('a crash before the commit leaves neither the wish nor its audit entry', async () => {
    const c = await consent();
    await f.expectNothingWritten(() =>
      crashAt('wish.post.proxy-before-commit', () =>
        f.call(GW, 'wish', 'post', { ...wishInput(), proxy: { consentId: c.id } }),
      ),
    );
  });

  it('an offline resident’s wish is theirs', async () => {
    const c = await consent({ householdId: 'hh-xfl-1-301', residentId: undefined, residentName: '孙阿婆' });
    const wish = expectOk(await f.call(GW, 'wish', 'post', { ...wishInput(), proxy: { consentId: c.id } }), WishDetail);
    expect(f.find('wishes', { _id: wish.id })[0]).toMatchObject({ posterId: c.residentId, posterName: '孙阿婆' });
  });
});

describe('confirming a wish for its poster', () => {
  it('the building leader confirms and rates; the claimer is credited, the confirmation marked', async () => {
    const id = await wishIn(f, 'fulfilled', { poster: P.resident });
    const c = await consent({}, P.leader);
    const done = expectOk(
      await f.call(P.leader, 'wish', 'confirm', { wishId: id, rating: 5, proxy: { consentId: c.id } }),
      WishDetail,
    );
    expect(done.state).toBe('confirmed');
    expect(done.confirmation?.proxyName).toBe('陈志强');
    expect(f.find('point_ledger', { _id: `wish:${id}` })).toHaveLength(1);
    expect(proxyAudits('proxy.confirmWish').some((e) => e.targetId === id)).toBe(true);
  });
});

describe('a consent is for one household: a resident with a second home', () => {
  /** 张秀英 also lives at 2号楼 2-102, in 第二网格, outside 李网格's grid. */
  function secondHome(): void {
    if (f.find('roles', { userId: RESIDENT_ID, householdId: 'hh-xfl-2-102' }).length > 0) return;
    f.insert('roles', [
      aRole({
        kind: 'resident',
        userId: RESIDENT_ID,
        communityId: DEMO,
        estateId: 'estate-xfl',
        buildingId: 'bld-xfl-2',
        householdId: 'hh-xfl-2-102',
        scopeLabel: '幸福里小区 2号楼 2-102',
      }),
    ]);
  }

  it('her wish posted from the other home is not confirmed for her on this home’s consent, nothing written', async () => {
    secondHome();
    const id = await wishIn(f, 'fulfilled', { poster: P.resident, input: { householdId: 'hh-xfl-2-102' } });
    const c = await consent();
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(GW, 'wish', 'confirm', { wishId: id, rating: 5, proxy: { consentId: c.id } }),
        'FORBIDDEN',
        'proxy.outside-scope',
      ),
    );
  });

  it('her opinion on a topic of the other home’s building is not posted on this home’s consent, nothing written', async () => {
    secondHome();
    const topic = await openTopic(f, { buildingId: 'bld-xfl-2', title: '2号楼楼道照明' }, P.admin);
    const c = await consent();
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(GW, 'deliberation', 'postOpinion', {
          topicId: topic.id,
          text: '楼道灯不亮',
          photos: [],
          proxy: { consentId: c.id },
        }),
        'FORBIDDEN',
        'proxy.outside-scope',
      ),
    );
  });
});

describe('signing up for an activity for a resident', () => {
  it('the sign-up is the resident’s, stamped and audited', async () => {
    const activity = await publish(f, { title: '代办报名测试' });
    const c = await consent();
    const result = expectOk(
      await f.call(GW, 'volunteer', 'signUp', { activityId: activity.id, proxy: { consentId: c.id } }),
      SignupResult,
    );
    expect(result.state).toBe('confirmed');
    const [signup] = f.find('signups', { _id: `${activity.id}:${RESIDENT_ID}` });
    expect(signup).toMatchObject({ userId: RESIDENT_ID, proxy: { actorId: 'user-gw', consentId: c.id } });
    expect(proxyAudits('proxy.signUp').filter((e) => e.targetId.startsWith(`${activity.id}:`))).toHaveLength(1);
    const roster = expectOk(await f.call(P.admin, 'volunteer', 'roster', { activityId: activity.id }), Roster);
    expect(roster.entries.find((e) => e.userId === RESIDENT_ID)?.proxyName).toBe('李网格');
  });

  it('the roster export has a 代办 column: "代办：<proxy>" for a proxied sign-up, empty otherwise', async () => {
    const activity = await publish(f, { title: '代办名单导出测试' });
    const c = await consent();
    expectOk(
      await f.call(GW, 'volunteer', 'signUp', { activityId: activity.id, proxy: { consentId: c.id } }),
      SignupResult,
    );
    expectOk(await f.call(P.member, 'volunteer', 'signUp', { activityId: activity.id }), SignupResult);
    const file = expectOk(await f.call(P.admin, 'volunteer', 'exportRoster', { activityId: activity.id }), ExportFile);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const sheet = wb.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = headers.indexOf('代办') + 1;
    expect(col).toBeGreaterThan(0);
    const byName = new Map<string, unknown>();
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      byName.set(String(row.getCell(1).value), row.getCell(col).value ?? '');
    }
    expect(byName.get('张秀英')).toBe('代办：李网格');
    expect([...byName.entries()].filter(([name]) => name !== '张秀英').every(([, v]) => v === '')).toBe(true);
    expect(byName.size).toBe(2);
  });
});

describe('posting an opinion for a resident', () => {
  it('the opinion is marked 代办 and the participation points are the resident’s', async () => {
    const { topicId, opinion } = await proxyOpinion(f);
    expect(opinion.proxyName).toBe('李网格');
    expect(f.find('opinions', { _id: opinion.id })[0]).toMatchObject({ authorId: RESIDENT_ID });
    expect(f.find('point_ledger', { _id: `deliberation:${topicId}:collect:${RESIDENT_ID}` })).toHaveLength(1);
    expect(f.find('point_ledger', { _id: `deliberation:${topicId}:collect:user-gw` })).toHaveLength(0);
    expect(proxyAudits('proxy.postOpinion').some((e) => e.targetId === opinion.id)).toBe(true);
  });
});

describe('casting the household’s ballot for a resident', () => {
  async function openVote(): Promise<string> {
    const topicId = await topicIn(f, 'vote');
    const closes = new Date(Date.now() + 86_400_000);
    setTopic(f, topicId, { 'vote.closesAt': closes, voteClosesAt: closes });
    return topicId;
  }

  it('needs a written consent with the 委托书 photo', async () => {
    const topicId = await openVote();
    const c = await consent();
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(GW, 'deliberation', 'castBallot', { topicId, choice: 'agree', proxy: { consentId: c.id } }),
        'PRECONDITION_FAILED',
        'proxy.written-consent-required',
      ),
    );
  });

  it('is the household’s one ballot: points to the resident, a second ballot refused', async () => {
    const topicId = await openVote();
    const c = await writtenConsent();
    const receipt = expectOk(
      await f.call(GW, 'deliberation', 'castBallot', { topicId, choice: 'agree', proxy: { consentId: c.id } }),
      BallotReceipt,
    );
    expect(receipt.householdId).toBe(RESIDENT_HH);
    const [ballot] = f.find('ballots', { _id: `${topicId}:${RESIDENT_HH}` });
    expect(ballot).toMatchObject({ userId: RESIDENT_ID, proxy: { actorName: '李网格', consentId: c.id } });
    expect(f.find('point_ledger', { _id: `deliberation:${topicId}:vote:${RESIDENT_ID}` })).toHaveLength(1);
    expect(f.find('point_ledger', { _id: `deliberation:${topicId}:vote:user-gw` })).toHaveLength(0);
    const [entry] = f.find('audit_log', { action: 'proxy.castBallot', targetId: `${topicId}:${RESIDENT_HH}` });
    expect(entry!._id).toBe(`audit-proxy.castBallot:${topicId}:${RESIDENT_HH}:${new Date(ballot!.castAt).getTime()}`);
    expect(entry).toMatchObject({ gridId: 'grid-1' });
    expect(JSON.stringify(entry)).not.toContain('agree');
    // The leader and the admin see the household's ballot marked 代办; a resident does not.
    for (const who of [P.leader, P.admin]) {
      const t = expectOk(await f.call(who, 'deliberation', 'turnout', { topicId }), Turnout);
      expect(t.proxyBallots).toEqual([expect.objectContaining({ householdId: RESIDENT_HH, proxyName: '李网格' })]);
    }
    const own = expectOk(await f.call(P.resident, 'deliberation', 'turnout', { topicId }), Turnout);
    expect(own.proxyBallots).toBeUndefined();
    // The resident herself, then the proxy again: the household has voted.
    await f.expectNothingWritten(async () => {
      expectError(
        await f.call(P.resident, 'deliberation', 'castBallot', { topicId, choice: 'oppose' }),
        'CONFLICT',
        'ballot.household-voted',
      );
      expectError(
        await f.call(GW, 'deliberation', 'castBallot', { topicId, choice: 'oppose', proxy: { consentId: c.id } }),
        'CONFLICT',
        'ballot.household-voted',
      );
    });
  });

  it('is cast only by the agent the 委托书 names: another proxy of the building is refused, nothing written', async () => {
    const topicId = await openVote();
    const c = await writtenConsent();
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(P.leader, 'deliberation', 'castBallot', { topicId, choice: 'agree', proxy: { consentId: c.id } }),
        'FORBIDDEN',
        'proxy.not-named-agent',
      ),
    );
  });

  it('a crash before the commit leaves no ballot, no points and no audit entry', async () => {
    const topicId = await openVote();
    const c = await writtenConsent();
    await f.expectNothingWritten(() =>
      crashAt('deliberation.castBallot.before-commit', () =>
        f.call(GW, 'deliberation', 'castBallot', { topicId, choice: 'agree', proxy: { consentId: c.id } }),
      ),
    );
  });
});
