import { AckTracker, type RevocationMessage } from './revocation-channel';

describe('AckTracker (the revocation protocol both channels share)', () => {
  it('drops the token, then acknowledges an announcement it hears', () => {
    const events: string[] = [];
    const sent: RevocationMessage[] = [];
    const tracker = new AckTracker(
      () => ({ revoked: (id) => events.push(`revoked ${id}`), live: () => undefined }),
      async (m) => {
        events.push('ack');
        sent.push(m);
      },
    );
    tracker.received(JSON.stringify({ t: 'r', id: 'tok-1', rev: 'r-1' }));
    expect(events).toEqual(['revoked tok-1', 'ack']);
    expect(sent).toEqual([{ t: 'a', rev: 'r-1', by: tracker.instanceId }]);
    tracker.received('not json'); // ignored
  });

  it('answers true once as many instances as were listening acknowledged', async () => {
    const tracker = new AckTracker(
      () => undefined,
      async () => undefined,
    );
    let announced: RevocationMessage | undefined;
    const done = tracker.announce('tok-1', 5_000, async (m) => {
      announced = m;
      return 2;
    });
    await Promise.resolve();
    const rev = (announced as { rev: string }).rev;
    tracker.received(JSON.stringify({ t: 'a', rev, by: 'a' }));
    tracker.received(JSON.stringify({ t: 'a', rev, by: 'a' })); // the same instance twice counts once
    tracker.received(JSON.stringify({ t: 'a', rev, by: 'b' }));
    await expect(done).resolves.toBe(true);
  });

  it('answers false when an ack is missing after the wait, or the announcement cannot be sent', async () => {
    const tracker = new AckTracker(
      () => undefined,
      async () => undefined,
    );
    await expect(tracker.announce('tok-1', 20, async () => 1)).resolves.toBe(false);
    await expect(tracker.announce('tok-1', 20, async () => undefined)).resolves.toBe(false);
    await expect(
      tracker.announce('tok-1', 5_000, async () => {
        throw new Error('redis down');
      }),
    ).resolves.toBe(false);
  });
});
