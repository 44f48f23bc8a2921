// Builds the native AES-GCM batch addon (gcm-open.c opens, gcm-seal.c seals) at `npm install` (the root package's
// postinstall). It never fails the install: without the addon, text is sealed and opened one by one with Node's crypto.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

// npm runs scripts with its own node-gyp (npm_config_node_gyp names it; better-sqlite3 builds the same way);
// run by hand, the node-gyp bundled with this node's npm.
const bundled = join(
  dirname(process.execPath),
  '..',
  'lib',
  'node_modules',
  'npm',
  'node_modules',
  'node-gyp',
  'bin',
  'node-gyp.js',
);
const gyp = process.env.npm_config_node_gyp ?? (existsSync(bundled) ? bundled : undefined);
const command = gyp ? process.execPath : 'node-gyp';
// This node's own headers where it ships them (no download: the machine may have no internet), as npm's nodedir does.
const prefix = join(dirname(process.execPath), '..');
const nodedir =
  process.env.npm_config_nodedir || (existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : '');
const args = [...(gyp ? [gyp] : []), 'rebuild', '--directory', __dirname, ...(nodedir ? ['--nodedir', nodedir] : [])];
const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (result.status === 0) {
  console.log(
    `indaga: built ${join(__dirname, 'build', 'Release', 'gcm_batch.node')} (free text sealed and opened in batches)`,
  );
} else {
  const why = (result.error?.message ?? result.stderr ?? '').trim().split('\n').slice(-5).join('\n');
  console.warn(
    `indaga: the native AES-GCM batch addon did not build; free text will be sealed and opened with Node's crypto instead (slower).\n${why}`,
  );
}
