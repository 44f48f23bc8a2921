/**
 * Servers and processes a fault test starts outlive it if it crashes; these
 * synchronous cleanups run when the test process exits, however it exits.
 */
const cleanups = new Set<() => void>();
let installed = false;

export function onExit(cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', () => {
      for (const fn of cleanups) {
        try {
          fn();
        } catch {
          // best effort: the process is exiting
        }
      }
    });
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
