#!/usr/bin/env node
// The `opsloop` command. OpsLoop's sources are TypeScript run by Node's type stripping
// (Node ≥ 22.18); on an older system Node, re-run with the Node that `npm install` placed in
// node_modules.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const supported = major > 22 || (major === 22 && minor >= 18);

if (supported) {
  await import(path.join(root, 'src/cli/main.ts'));
} else {
  const local = path.join(root, 'node_modules/node/bin/node');
  if (!fs.existsSync(local)) {
    console.error(
      `OpsLoop needs Node 22.18 or newer (this is ${process.version}); run npm install.`,
    );
    process.exit(1);
  }
  const result = spawnSync(local, [path.join(root, 'src/cli/main.ts'), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
