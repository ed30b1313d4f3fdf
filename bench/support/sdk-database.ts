/**
 * The database of a bench that runs functions' code in this process: a temp emulator database
 * (database/collections.json) served over its HTTP protocol on a free port, with this process's
 * node SDK pointed at it — so `database(ctx)` in the functions' code reaches it as a deployed
 * function reaches CloudBase.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import collectionsFile from '../../database/collections.json';
import { openDatabase, type CollectionsFile, type EmulatorDatabase } from '../../emulator/db/index';
import { startDatabaseServer } from '../../emulator/db/http-server';
import { configureSdkEnvironment } from '../../emulator/host/sdk-environment';

export interface BenchDatabase {
  emu: EmulatorDatabase;
  /** Stops the server, closes the database and removes its directory. */
  close: () => Promise<void>;
}

export async function openBenchDatabase(name: string): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const emu = openDatabase({
    file: path.join(dir, 'bench.sqlite'),
    collections: collectionsFile as unknown as CollectionsFile,
  });
  const server = await startDatabaseServer({ db: emu, port: 0, host: '127.0.0.1' });
  configureSdkEnvironment({ databaseUrl: server.url, envId: 'local-dev' });
  return {
    emu,
    close: async () => {
      await server.close();
      emu.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
