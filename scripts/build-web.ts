import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Builds the web app into dist/web. With --if-stale it skips the build when the output is newer
 * than every source file, so `npm start` and `prepare` stay fast after the first run.
 */
const rootDir = fileURLToPath(new URL('..', import.meta.url));
const outFile = join(rootDir, 'dist', 'web', 'index.html');
const sourceDirs = [join(rootDir, 'src', 'web'), join(rootDir, 'src', 'shared')];
const configFiles = ['vite.config.ts', 'postcss.config.cjs'].map((name) => join(rootDir, name));

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isFresh(): boolean {
  const built = statSync(outFile, { throwIfNoEntry: false });
  if (!built) return false;
  const newestSource = Math.max(...[...sourceDirs, ...configFiles].map(newestMtime));
  return built.mtimeMs > newestSource;
}

if (process.argv.includes('--if-stale') && isFresh()) {
  console.log('web: dist/web is up to date, build skipped');
} else {
  const started = Date.now();
  await build({
    configFile: join(rootDir, 'vite.config.ts'),
    logLevel: 'warn',
  });
  console.log(`web: built dist/web in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
