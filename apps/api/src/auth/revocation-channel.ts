import { randomUUID } from 'node:crypto';

export const REVOCATION_CHANNEL = Symbol('REVOCATION_CHANNEL');

export interface RevocationListener {
  /** Another instance (or this one) revoked the token: drop it before acknowledging. */
  revoked(tokenId: string): void;
  /** Whether this instance hears revocations; while it does not, it must not trust cached rows. */
  live(up: boolean): void;
}

/**
 * How API instances tell each other that a token was revoked, and learn that
 * every listening instance has dropped it (each one acknowledges). One
 * implementation per transport (PostgreSQL LISTEN/NOTIFY, Redis pub/sub);
 * `AckTracker` is the protocol they share.
 */
export interface RevocationChannel {
  start(listener: RevocationListener): Promise<void>;
  /**
   * Announces a committed revocation; answers true once every instance that
   * was listening acknowledged it, false if that did not happen within
   * `maxWaitMs` (or the announcement could not be sent).
   */
  announce(tokenId: string, maxWaitMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The wire messages: `r` announces a revocation, `a` acknowledges one. */
export type RevocationMessage = { t: 'r'; id: string; rev: string } | { t: 'a'; rev: string; by: string };

interface Waiting {
  acks: Set<string>;
  expected: number;
  done(all: boolean): void;
}

/** Announcements in flight and their acknowledgements; one per instance. */
export class AckTracker {
  readonly instanceId = randomUUID();
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly listener: () => RevocationListener | undefined,
    /** Sends an acknowledgement for announcement `rev`. */
    private readonly ack: (message: RevocationMessage) => Promise<unknown>,
  ) {}

  /** Handles a message received on the channel. */
  received(text: string): void {
    let message: RevocationMessage;
    try {
      message = JSON.parse(text) as RevocationMessage;
    } catch {
      return;
    }
    if (message.t === 'r') {
      this.listener()?.revoked(message.id);
      this.ack({ t: 'a', rev: message.rev, by: this.instanceId }).catch(() => undefined);
      return;
    }
    const waiting = this.waiting.get(message.rev);
    if (!waiting) return;
    waiting.acks.add(message.by);
    if (waiting.acks.size >= waiting.expected) waiting.done(true);
  }

  /**
   * Sends an announcement with `send` (which answers how many instances are
   * listening, or undefined if it cannot tell) and waits for their acks.
   */
  async announce(
    tokenId: string,
    maxWaitMs: number,
    send: (message: RevocationMessage) => Promise<number | undefined>,
  ): Promise<boolean> {
    const rev = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const result = new Promise<boolean>((resolve) => {
      const waiting: Waiting = {
        acks: new Set(),
        expected: Number.POSITIVE_INFINITY,
        done: (all) => {
          clearTimeout(timer);
          this.waiting.delete(rev);
          resolve(all);
        },
      };
      this.waiting.set(rev, waiting);
      timer = setTimeout(() => waiting.done(false), maxWaitMs);
    });
    try {
      const listening = await send({ t: 'r', id: tokenId, rev });
      const waiting = this.waiting.get(rev);
      if (waiting && listening !== undefined) {
        waiting.expected = listening;
        if (waiting.acks.size >= listening) waiting.done(true);
      }
    } catch {
      this.waiting.get(rev)?.done(false);
    }
    return result;
  }

  /** Ends every wait (shutdown). */
  close(): void {
    for (const waiting of [...this.waiting.values()]) waiting.done(false);
  }
}
