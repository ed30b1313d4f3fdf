/**
 * Benchmark of the household import through storage (issue #14, docs/adr/0023).
 * Run: npx tsx bench/import-bench.ts [rows]   (default 10,000 rows; about a minute on 2 cores)
 *
 * Starts the local server in-process (freshly built function bundles, temp data directory),
 * seeds the demo community, and for each case uploads a file of `rows` households to storage
 * under imports/ with the SDK's uploadFile (what wx.cloud.uploadFile does in WeChat), then calls
 * `org.importHouseholds` over HTTP with the file id, as the app does: first the dry run (the
 * check), then the import. Cases:
 *  1. UTF-8 csv, every row a new household;
 *  2. GBK csv (Excel's default in China), every row a new household;
 *  3. xlsx, every row a new household;
 *  4. xlsx, the rows of case 3 again with a new floor area: every row an update.
 * For each it prints the file size, the wall time of the check and of the import (the function's
 * whole call: download, decode, plan, writes, audit, file delete) and the database requests of
 * each call (the emulator's request count), and checks the households are all there, each once.
 * The org function's timeout in production is 60 s (config.json); the local host's default is 20 s.
 */
import { randomBytes } from 'node:crypto';
import * as tcb from '@cloudbase/node-sdk';
import ExcelJS from 'exceljs';
import { encode } from 'iconv-lite';
import { seedDemoCommunity } from '../emulator/seed/demo-community';
import { demoBuildings } from '../tests/support/fixtures';
import { startTestServer } from '../tests/support/in-process-server';

const ROWS = Number(process.argv[2] ?? 10_000);
const HEADER = ['小区', '楼栋', '房号', '建筑面积', '党员中心户'];
const BUILDINGS = demoBuildings;

function rows(prefix: string, area: number): string[][] {
  return Array.from({ length: ROWS }, (_, i) => {
    const [estate, building] = BUILDINGS[i % BUILDINGS.length]!;
    return [estate, building, `${prefix}-${i + 1}`, String(area + (i % 7) * 0.5), i % 10 === 0 ? '是' : '否'];
  });
}

const csvText = (data: string[][]) => [HEADER, ...data].map((r) => r.join(',')).join('\r\n') + '\r\n';

async function xlsx(data: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('住户');
  sheet.addRow(HEADER);
  for (const r of data) sheet.addRow([r[0], r[1], r[2], Number(r[3]), r[4]]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const server = await startTestServer();
  const app = tcb.init({ env: 'local-dev' });
  const results: string[][] = [];
  try {
    await seedDemoCommunity('local-dev', new Date());
    const cases: Array<[string, 'csv' | 'xlsx', () => Promise<Buffer>, { created: number; updated: number }]> = [
      [
        'UTF-8 csv, all new',
        'csv',
        async () => Buffer.from(csvText(rows('U', 70)), 'utf8'),
        { created: ROWS, updated: 0 },
      ],
      ['GBK csv, all new', 'csv', async () => encode(csvText(rows('G', 70)), 'gbk'), { created: ROWS, updated: 0 }],
      ['xlsx, all new', 'xlsx', () => xlsx(rows('X', 70)), { created: ROWS, updated: 0 }],
      ['xlsx, all updated', 'xlsx', () => xlsx(rows('X', 90)), { created: 0, updated: ROWS }],
    ];
    for (const [name, format, make, expected] of cases) {
      const bytes = await make();
      const uploaded = await app.uploadFile({
        cloudPath: `imports/20261102/${randomBytes(9).toString('hex')}.${format}`,
        fileContent: bytes,
      });
      const fileID = uploaded.fileID!;
      const timed = async (dryRun: boolean) => {
        const before = server.db.stats().requests;
        const started = performance.now();
        const reply = await server.callAs('demo-admin', 'org', 'importHouseholds', {
          communityId: 'comm-xingfuli',
          fileID,
          dryRun,
        });
        const ms = performance.now() - started;
        if (!reply.body.ok) throw new Error(`${name}: ${JSON.stringify(reply.body.error)}`);
        const data = reply.body.data as { rows: number; created: number; updated: number; errorCount: number };
        if (data.rows !== ROWS || data.created !== expected.created || data.updated !== expected.updated) {
          throw new Error(`${name}: unexpected reply ${JSON.stringify({ ...data, errors: undefined })}`);
        }
        return { ms, requests: server.db.stats().requests - before };
      };
      const check = await timed(true);
      const run = await timed(false);
      // Every household of the file is there, once.
      const prefix = name.startsWith('UTF') ? 'U-' : name.startsWith('GBK') ? 'G-' : 'X-';
      const db = app.database();
      let count = 0;
      for (const [, , buildingId] of BUILDINGS) {
        const res = await db
          .collection('households')
          .where({ buildingId, room: db.RegExp({ regexp: `^${prefix}` }) })
          .count();
        count += res.total ?? 0;
      }
      if (count !== ROWS) throw new Error(`${name}: ${count} households with ${prefix}, expected ${ROWS}`);
      results.push([
        name,
        `${(bytes.length / 1024).toFixed(0)} KB`,
        `${(check.ms / 1000).toFixed(2)} s`,
        String(check.requests),
        `${(run.ms / 1000).toFixed(2)} s`,
        String(run.requests),
      ]);
    }
  } finally {
    await server.stop();
  }
  const head = ['case', 'file', 'check (dry run)', 'db requests', 'import', 'db requests'];
  const widths = head.map((h, i) => Math.max(h.length, ...results.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`household import through storage, ${ROWS} rows per file`);
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of results) console.log(line(r));
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
