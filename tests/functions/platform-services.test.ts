/**
 * The platform services functions use through the real SDK, in local mode: content safety
 * (msgSecCheck → word list), subscription messages (→ outbox), the in-app message list, and
 * cloud storage (upload, temporary URL, delete) — the same calls that reach WeChat and
 * CloudBase in production.
 */
import { Collections } from '../../cloudfunctions/_shared/collections';
import { cloudbase, database } from '../../cloudfunctions/_shared/database';
import { moderateTexts } from '../../cloudfunctions/_shared/moderation';
import { notify } from '../../cloudfunctions/_shared/notify';
import { AppError } from '../../types/errors';
import { startTestServer, type TestServer } from '../support/in-process-server';
import { localCtx } from '../support/local-ctx';

let server: TestServer;
const ctx = () => localCtx({ openid: 'demo-resident' });
// The smallest valid PNG (1×1 transparent pixel).
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082',
  'hex',
);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('content safety', () => {
  test('ordinary text passes', async () => {
    await expect(moderateTexts(ctx(), { title: '希望有人帮忙修一下楼道的灯', note: '' })).resolves.toEqual({
      held: [],
    });
  });

  test('text with a blocked word is refused field by field, in Chinese', async () => {
    const error = await moderateTexts(ctx(), { title: '正常标题', body: '长期代开发票，联系我' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toBody()).toEqual({
      code: 'VALIDATION',
      reason: 'content.unsafe',
      message: '内容可能含有不当信息，请修改后再提交',
      fields: { body: '内容可能含有不当信息，请修改后再提交' },
    });
  });
});

describe('notifications', () => {
  test('a notification lands in the message list once per key, and its subscription message in the outbox', async () => {
    const n = {
      key: 'test:wish-claimed:1',
      userId: 'user-resident',
      communityId: 'comm-xingfuli',
      kind: 'wish' as const,
      title: '您的心愿已被认领',
      body: '李建国 认领了您的心愿“需要一个助行器”',
      link: '/pages/index/index',
      subscription: {
        kind: 'wishProgress' as const,
        openid: 'demo-resident',
        values: {
          wishId: 'wish-1',
          wishTitle: '需要一个助行器',
          status: '已认领',
          notice: '您的心愿已被认领',
          time: new Date('2026-11-29T02:00:00Z'),
        },
      },
    };
    expect(await notify(ctx(), n)).toBe(true);
    expect(await notify(ctx(), n)).toBe(false);
    const stored = await database().collection(Collections.messages).where({ userId: 'user-resident' }).limit(10).get();
    expect(stored.data).toHaveLength(1);
    expect(stored.data[0]).toMatchObject({ title: '您的心愿已被认领', read: false });
    const outbox = (await (await fetch(`${server.url}/api/local/outbox`)).json()) as {
      data: Array<{ touser: string; template_id: string }>;
    };
    expect(outbox.data).toEqual([
      expect.objectContaining({ touser: 'demo-resident', template_id: 'PLACEHOLDER_WISH_PROGRESS' }),
    ]);
  });
});

describe('cloud storage', () => {
  test('a function uploads an image, gets a temporary URL that serves the same bytes, and deletes it', async () => {
    const app = cloudbase();
    const { fileID } = await app.uploadFile({ cloudPath: 'wishes/test/photo.png', fileContent: png });
    expect(fileID).toBe('cloud://local-dev.local/wishes/test/photo.png');
    const urls = await app.getTempFileURL({ fileList: [fileID] });
    const url = (urls.fileList[0] as { tempFileURL: string }).tempFileURL;
    const res = await fetch(url);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    await app.deleteFile({ fileList: [fileID] });
    expect((await fetch(url)).status).toBe(404);
  });

  test('the h5 upload accepts an image and refuses anything else or anything too large', async () => {
    const ok = await fetch(`${server.url}/api/local/upload`, {
      method: 'POST',
      headers: { 'x-file-name': 'a.png' },
      body: png,
    });
    const body = (await ok.json()) as { ok: boolean; data: { fileID: string } };
    expect(body.ok).toBe(true);
    expect(body.data.fileID).toMatch(/^cloud:\/\/local-dev\.local\/uploads\/\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}\.png$/);

    const text = await fetch(`${server.url}/api/local/upload`, {
      method: 'POST',
      headers: { 'x-file-name': 'a.png' },
      body: 'hello',
    });
    expect(text.status).toBe(400);
    expect(await text.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '文件内容不是图片' } });

    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await fetch(`${server.url}/api/local/upload`, {
      method: 'POST',
      headers: { 'x-file-name': 'b.png' },
      body: big,
    });
    expect(await tooBig.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '图片不能超过5MB' } });
  });

  test('paths that try to leave the storage folder are refused', async () => {
    const res = await fetch(`${server.url}/storage/..%2F..%2Fdatabase.sqlite`);
    expect(res.status).toBe(404);
    const put = await fetch(`${server.url}/storage/..%2Fevil.png`, { method: 'PUT', body: png });
    expect(put.status).toBe(403);
  });
});
