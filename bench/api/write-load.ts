import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  /** Requests answered 2xx. */
  ok: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface WriteTarget {
  networks: string[];
  /** Token per network (network role), or one token for all. */
  tokenFor: (networkId: string) => string;
  schools: string[];
}

let counter = 0;

/** A valid SessionHeld body with two member schools present, varied so no two requests are alike. */
export function sessionBody(schools: string[], n: number): string {
  const month = String((n % 12) + 1).padStart(2, '0');
  const day = String((n % 27) + 1).padStart(2, '0');
  return JSON.stringify({
    heldOn: `20${16 + (n % 8)}-${month}-${day}`,
    facilitator: 'school_leader',
    schoolsPresent: [schools[n % schools.length], schools[(n + 1) % schools.length]],
    attendance: { principals: 2, utpHeads: 2, teachers: 6, sostenedorReps: n % 2, supervisors: 1 },
    activities: [
      { kind: 'practice_sharing', minutes: 45, summary: 'La escuela presenta su práctica de lectura compartida' },
      { kind: 'joint_planning', minutes: 30 },
    ],
  });
}

/** Sustained session writes from `connections` clients, each request to the next network, each with its own Idempotency-Key. */
export async function runWriteLoad(
  url: string,
  target: WriteTarget,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const prefix = `${process.pid}-${Date.now()}`;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = counter++;
          const networkId = target.networks[n % target.networks.length];
          return {
            ...req,
            path: `/v1/networks/${networkId}/sessions`,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${target.tokenFor(networkId)}`,
              'idempotency-key': `${prefix}-${n}`,
            },
            body: sessionBody(target.schools, n),
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    ok: result['2xx'],
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
