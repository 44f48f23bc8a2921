import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs `count` separate Node processes of sqlite-child.ts on one database file,
 * started together, and resolves with each one's last output line.
 */
export function runChildren(path: string, count: number, childScript = 'sqlite-child.ts'): Promise<string[]> {
  const root = join(__dirname, '..', '..', '..');
  const script = join(__dirname, childScript);
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      return new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', script, path, String(i)], {
          cwd: root,
          env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          if (code === 0) resolve(out.trim().split('\n').pop() ?? '');
          else reject(new Error(`child ${i} exited with ${code ?? signal}: ${err}`));
        });
      });
    }),
  );
}
