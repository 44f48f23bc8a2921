import { runChecks } from './health-checks';

describe('health checks', () => {
  it('bounds every probe by its timeout and runs them at once, naming each state', async () => {
    const never = () => new Promise<never>(() => undefined);
    const { ok, checks } = await runChecks(
      {
        store: async () => undefined,
        redis: never,
        readModels: never,
        broken: async () => Promise.reject(new Error('boom')),
      },
      50,
    );
    // Hung probes answer "down" (a hang here would be the test's own timeout, not a wrong answer).
    expect(ok).toBe(false);
    expect(checks).toEqual({
      store: { status: 'up', durationMs: expect.any(Number) },
      redis: { status: 'down', error: 'no answer within 50 ms', durationMs: expect.any(Number) },
      readModels: { status: 'down', error: 'no answer within 50 ms', durationMs: expect.any(Number) },
      broken: { status: 'down', error: 'boom', durationMs: expect.any(Number) },
    });
  });
});
