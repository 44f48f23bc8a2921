import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker file `<name>.worker.(js|ts)` beside the caller's module.
 * Compiled code runs the compiled file. From sources (ts-node, jest) the
 * thread registers ts-node itself: a worker does not inherit the parent's
 * loaders, so a worker file imports by relative path only. Not ts-node's
 * swc mode: @swc/core is a native addon, and a worker thread that loaded it
 * crashes the process (SIGSEGV) when it exits.
 */
export function spawnThread(callerFile: string, name: string, workerData: unknown): Worker {
  const extension = extname(callerFile);
  const entry = join(callerFile, '..', `${name}.worker${extension}`);
  if (extension !== '.ts') return new Worker(entry, { workerData });
  const loader = `require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });`;
  return new Worker(`${loader}\nrequire(${JSON.stringify(entry)});`, { eval: true, workerData });
}
