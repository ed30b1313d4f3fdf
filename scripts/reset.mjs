#!/usr/bin/env node
/** `npm run reset`: empties the local data directory (DATA_DIR, default ./.data). */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { root } from './lib.mjs';

const dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data'));
rmSync(dataDir, { recursive: true, force: true });
console.log(`Removed ${dataDir}; the next \`npm start\` seeds the demo community again.`);
