import { sleep } from './spare-port';

/**
 * Writers as a well-behaved client: each session is posted with its own
 * Idempotency-Key and retried (same key, same body) until it is acknowledged,
 * whatever the service answers meanwhile. Every answer's status is counted, so
 * a test can say "never a 500" and "503 with Retry-After while the store is down".
 */
export interface LoadStats {
  acknowledged: Array<{ networkId: string; sessionId: string }>;
  statuses: Map<number, number>;
  /** 5xx answers other than 503 STORE.UNAVAILABLE with Retry-After, with their bodies. */
  wrongAnswers: string[];
  unavailable: number;
  /** Time of the last acknowledged write. */
  lastAckAt: number;
}

export const ADMIN_TOKEN = 'fault-admin-token-0123456789';

export const sessionBody = (sessionId: string) => ({
  sessionId,
  heldOn: '2016-04-12',
  facilitator: 'sostenedor',
  schoolsPresent: ['10001'],
  attendance: { principals: 1, utpHeads: 1, teachers: 2, sostenedorReps: 0, supervisors: 0 },
  activities: [{ kind: 'practice_sharing', minutes: 45 }],
});

async function post(url: string, path: string, body: unknown, key: string) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
}

export class WriteLoad {
  readonly stats: LoadStats = { acknowledged: [], statuses: new Map(), wrongAnswers: [], unavailable: 0, lastAckAt: 0 };
  private stopped = false;
  private running: Promise<void>[] = [];
  private seq = 0;

  /** `apiUrl()` is asked before every request, so a test can swap the API it talks to. */
  constructor(
    private readonly apiUrl: () => string,
    private readonly networks: string[],
    private readonly writersPerNetwork = 1,
    private readonly pauseMs = 20,
  ) {}

  /** Registers each network with one member school (sessions name the schools present). */
  async prepare(): Promise<void> {
    for (const networkId of this.networks) {
      const network = {
        networkId,
        name: `Red ${networkId}`,
        region: 'Maule',
        commune: 'Talca',
        registeredOn: '2016-03-01',
      };
      await this.writeOnce('/v1/networks', network, `reg-${networkId}`);
      const school = {
        schoolId: '10001',
        name: 'Escuela 10001',
        dependency: 'slep',
        zone: 'rural',
        levels: ['basic'],
        joinedOn: '2016-03-01',
      };
      await this.writeOnce(`/v1/networks/${networkId}/schools`, school, `join-${networkId}`);
    }
  }

  start(): void {
    for (const networkId of this.networks)
      for (let w = 0; w < this.writersPerNetwork; w++) this.running.push(this.writer(networkId, w));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  /** One write, retried until acknowledged (or, once stopped, given up after `giveUpMs`). */
  async writeOnce(path: string, body: unknown, key: string, giveUpMs = 60_000): Promise<boolean> {
    const deadline = Date.now() + giveUpMs;
    while (Date.now() < deadline) {
      try {
        const res = await post(this.apiUrl(), path, body, key);
        const text = await res.text();
        this.count(res.status, res.headers.get('retry-after'), text);
        if (res.status < 300) return true;
        if (res.status < 500) throw new Error(`${path} answered ${res.status}: ${text}`);
      } catch (error) {
        if ((error as Error).message.includes('answered')) throw error;
        // connection refused or reset: the API is being killed or restarted
      }
      await sleep(100);
    }
    return false;
  }

  private count(status: number, retryAfter: string | null, text: string): void {
    this.stats.statuses.set(status, (this.stats.statuses.get(status) ?? 0) + 1);
    if (status < 500) return;
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {
      // not JSON: a wrong answer
    }
    if (status === 503 && code === 'STORE.UNAVAILABLE' && retryAfter) this.stats.unavailable++;
    else if (this.stats.wrongAnswers.length < 20) this.stats.wrongAnswers.push(`${status} ${text.slice(0, 300)}`);
  }

  private async writer(networkId: string, w: number): Promise<void> {
    while (!this.stopped) {
      const sessionId = `s${w}x${(this.seq++).toString(36)}`;
      const ok = await this.writeOnce(
        `/v1/networks/${networkId}/sessions`,
        sessionBody(sessionId),
        `k-${networkId}-${sessionId}`,
      );
      if (ok) {
        this.stats.acknowledged.push({ networkId, sessionId });
        this.stats.lastAckAt = Date.now();
      }
      await sleep(this.pauseMs);
    }
  }
}

/** Every event of a network's stream, paged (bounded: at most `maxPages`). */
export async function streamEvents(apiUrl: string, networkId: string, maxPages = 200) {
  const events: Array<{ type: string; version: number; data: Record<string, unknown> }> = [];
  for (let page = 0; page < maxPages; page++) {
    const res = await fetch(`${apiUrl}/v1/networks/${networkId}/events?fromVersion=${events.length + 1}&limit=1000`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    if (res.status !== 200) throw new Error(`events of ${networkId}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { events: typeof events };
    events.push(...body.events);
    if (body.events.length < 1000) return events;
  }
  throw new Error(`events of ${networkId}: more than ${maxPages} pages`);
}
