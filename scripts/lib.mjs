/** Helpers shared by the project's scripts (start, test, reset). */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a command with inherited output; resolves on exit 0, rejects otherwise. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`));
    });
  });
}

/** The newest modification time (ms) of a file or of anything under a folder; 0 if it does not exist. */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const appInputs = ['src', 'types', 'config', 'babel.config.js', 'package.json', 'tsconfig.json'];

/** Builds the Taro app for `platform` unless its output is newer than every input. */
export async function buildApp(platform, { force = false } = {}) {
  const stamp = join(root, 'dist', platform, '.build-stamp');
  const inputs = Math.max(...appInputs.map((p) => newestMtime(join(root, p))));
  if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= inputs) {
    console.log(`dist/${platform} is up to date`);
    return;
  }
  console.log(`Building the ${platform} app (taro build --type ${platform}) …`);
  await run(
    process.execPath,
    [join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', platform],
    {
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  writeFileSync(stamp, new Date().toISOString());
}
