/**
 * Seeds networks through the public API (as any client would), with a
 * trajectory that climbs from informative to collaborative to cooperative,
 * so the workspace has something to show. Used by the browser tests and the
 * README screenshots.
 */
export interface Client {
  base: string;
  token: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test helper: each caller reads the fields it asserts on
export async function api<T = any>(c: Client, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(c.base + path, {
    method,
    headers: {
      authorization: `Bearer ${c.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const KIND_BY_STAGE = [
  [
    ['policy_briefing', 60],
    ['technical_training', 30],
  ],
  [
    ['practice_sharing', 45],
    ['peer_observation', 30],
    ['policy_briefing', 30],
  ],
  [
    ['joint_planning', 60],
    ['joint_analysis', 30],
    ['practice_sharing', 20],
  ],
] as const;

export interface SeedOptions {
  networkId: string;
  name: string;
  region: string;
  zone?: 'urban' | 'rural';
  dependency?: string;
  /** Quarters of history starting 2021-Q1; the stage rises every third of them. */
  quarters?: number;
  /** Highest stage reached: 0 informative, 1 collaborative, 2 cooperative. */
  stages?: number;
}

export async function seedNetwork(c: Client, o: SeedOptions): Promise<void> {
  const quarters = o.quarters ?? 9;
  const stages = o.stages ?? 2;
  const schools = ['10123', '10456', '10789', '11012'];
  await api(c, 'POST', '/v1/networks', {
    networkId: o.networkId,
    name: o.name,
    region: o.region,
    commune: 'Talca',
    registeredOn: '2021-01-04',
  });
  for (const [i, schoolId] of schools.entries()) {
    await api(c, 'POST', `/v1/networks/${o.networkId}/schools`, {
      schoolId,
      name: ['Escuela Los Aromos', 'Liceo San Javier', 'Escuela Rural El Peñasco', 'Colegio Río Claro'][i],
      dependency: o.dependency ?? 'slep',
      zone: o.zone ?? 'rural',
      levels: ['basic'],
      joinedOn: '2021-01-04',
    });
  }
  for (let q = 0; q < quarters; q++) {
    const year = 2021 + Math.floor(q / 4);
    const month = String((q % 4) * 3 + 2).padStart(2, '0');
    const stage = Math.min(stages, Math.floor((q * 3) / quarters));
    await api(c, 'POST', `/v1/networks/${o.networkId}/sessions`, {
      sessionId: `${o.networkId}-s${q}`,
      heldOn: `${year}-${month}-10`,
      facilitator: stage ? 'school_leader' : 'ministry_supervisor',
      schoolsPresent: schools.slice(0, 2 + stage),
      attendance: { principals: 3, utpHeads: 2, teachers: 6, sostenedorReps: q % 2, supervisors: 1 },
      activities: KIND_BY_STAGE[stage].map(([kind, minutes]) => ({ kind, minutes })),
    });
    if (stage === 2) {
      const cycle = await api(c, 'POST', `/v1/networks/${o.networkId}/cycles`, {
        question: '¿Mejora la comprensión lectora si modelamos la lectura en voz alta?',
        orientation: q % 2 ? 'innovation' : 'improvement',
        schools: schools.slice(0, 3),
        openedOn: `${year}-${month}-11`,
      });
      await api(c, 'POST', `/v1/networks/${o.networkId}/cycles/${cycle.id}/actions`, {
        title: 'Observación de aula cruzada',
        schools: schools.slice(0, 2 + (q % 3)),
        depthReached: ['teachers', 'classroom', 'students'][q % 3],
        classroomsReached: 4,
        teachersInvolved: 6,
        carriedOutOn: `${year}-${month}-20`,
      });
    }
  }
}
