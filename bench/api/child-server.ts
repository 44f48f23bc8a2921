import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ChildServer {
  url: string;
  /** The server process (for its memory in /proc). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a bench server script in its own process so the load generator does
 * not share its event loop; `nodeArgs` go to node before the script (a
 * `-r` preload, say).
 */
export async function startChildServer(
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ChildServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      ...nodeArgs,
      join(__dirname, script),
      ...args,
    ],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
