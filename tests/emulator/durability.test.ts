/** Durability: data survives close/reopen and a SIGKILL right after an acknowledged write. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openDatabase } from '../../emulator/db/index';
import { errorCode, index, indexed, sdkFor, startEmu, tempDir } from './helpers';

test('write, close, reopen, read (collections, indexes and documents persist)', async () => {
  const dir = tempDir();
  const indexes = { users: [index('oid', { openid: 1 }, { unique: true })] };
  const a = await startEmu({ dir, indexes });
  await a.db.createCollection('notes');
  await a.db.collection('notes').add({ _id: 'n1', text: 'hello', at: new Date(123) });
  await a.db.collection('users').add({ _id: 'u1', openid: 'x' });
  await a.close();

  const b = await startEmu({ dir, indexes });
  try {
    expect((await b.db.collection('notes').doc('n1').get()).data).toEqual([
      { _id: 'n1', text: 'hello', at: new Date(123) },
    ]);
    expect(await errorCode(b.db.createCollection('notes'))).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
    expect(await errorCode(b.db.collection('users').add({ openid: 'x' }))).toBe('DATABASE_DUPLICATE_WRITE');
  } finally {
    await b.close();
  }
});

test('re-opening with a new index declaration builds it over existing documents', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'db.sqlite');
  const first = openDatabase({ file, collections: indexed({ t: [] }) });
  first.handle({
    action: 'database.insertDocument',
    collectionName: 't',
    data: ['{"_id":"1","k":"a"}', '{"_id":"2","k":"a"}'],
  });
  first.close();
  expect(() => openDatabase({ file, collections: indexed({ t: [index('k', { k: 1 }, { unique: true })] }) })).toThrow(
    /k/,
  );
  const second = openDatabase({ file, collections: indexed({ t: [index('k', { k: 1 })] }) });
  const r = second.handle({
    action: 'database.getDocument',
    collectionName: 't',
    query: '{"k":"a"}',
    queryType: 'WHERE',
  });
  expect((r['data'] as { list: string[] }).list).toHaveLength(2);
  second.close();
});

test('an acknowledged write survives SIGKILL of the server process', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'db.sqlite');
  const script = path.join(__dirname, 'fixtures', 'db-child.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: path.join(__dirname, '..', '..'),
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (c: Buffer) => {
        buf += c.toString();
        const m = /URL (\S+)/.exec(buf);
        if (m && m[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`child exited early (${String(code)})`)));
    });
    const db = sdkFor(url);
    await db.createCollection('k');
    await db.collection('k').add({ _id: 'before-kill', v: 1 });
    await db.collection('k').doc('before-kill').update({ v: 2 });
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  const reopened = openDatabase({ file });
  try {
    const r = reopened.handle({
      action: 'database.getDocument',
      collectionName: 'k',
      query: '{"_id":"before-kill"}',
      queryType: 'DOC',
    });
    expect((r['data'] as { list: string[] }).list.map((s) => JSON.parse(s))).toEqual([{ _id: 'before-kill', v: 2 }]);
  } finally {
    reopened.close();
  }
}, 30_000);
