import type { EventStore, NewEvent } from '../../libs/event-store/src';
import { networkStreamId } from '../../libs/domain/src';

const REGIONS = [
  'Arica y Parinacota',
  'Tarapacá',
  'Antofagasta',
  'Atacama',
  'Coquimbo',
  'Valparaíso',
  'Metropolitana',
  "O'Higgins",
  'Maule',
  'Ñuble',
  'Biobío',
  'Araucanía',
  'Los Ríos',
  'Los Lagos',
  'Aysén',
  'Magallanes',
];
const STAGES = [
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

const day = (n: number): string => new Date(Date.UTC(2016, 0, 4) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Ten years (2016–2025) of one network: 8 schools, a session every two weeks
 * whose activities climb from informative to cooperative at a pace that
 * differs by network, and a cycle with a joint action every eight sessions:
 * about 300 events, 40 quarters.
 */
export function decadeHistory(networkId: string, i: number): NewEvent[] {
  const schools = Array.from({ length: 8 }, (_, k) => String(20000 + ((i * 8 + k) % 9000)));
  const events: NewEvent[] = [
    {
      type: 'NetworkRegistered',
      data: { networkId, name: `Red ${i + 1}`, region: REGIONS[i % REGIONS.length], registeredOn: day(0) },
    },
    ...schools.map((schoolId, k) => ({
      type: 'SchoolJoined',
      data: {
        schoolId,
        name: `Escuela ${schoolId}`,
        dependency: ['municipal', 'slep', 'subsidized_private'][k % 3],
        zone: k % 2 ? 'rural' : 'urban',
        levels: ['basic'],
        joinedOn: day(0),
      },
    })),
  ];
  const pace = 1 + (i % 5); // years per stage, so networks reach cooperative at different times (or never)
  for (let n = 0; n * 14 < 3650; n++) {
    const d = n * 14 + 1;
    const stage = Math.min(2, Math.floor(d / 365 / pace));
    events.push({
      type: 'SessionHeld',
      data: {
        sessionId: `s${n}`,
        heldOn: day(d),
        facilitator: stage ? 'school_leader' : 'ministry_supervisor',
        schoolsPresent: schools.slice(0, 3 + stage * 2),
        attendance: { principals: 3, utpHeads: 2, teachers: 6, sostenedorReps: n % 2, supervisors: 1 },
        activities: STAGES[stage].map(([kind, minutes]) => ({ kind, minutes })),
      },
    });
    if (n % 8 === 7) {
      events.push(
        {
          type: 'InquiryCycleOpened',
          data: {
            cycleId: `c${n}`,
            question: '¿Mejora la lectura?',
            orientation: 'improvement',
            schools: schools.slice(0, 3),
            openedOn: day(d),
          },
        },
        {
          type: 'JointActionCarriedOut',
          data: {
            cycleId: `c${n}`,
            actionId: `a${n}`,
            title: 'Observación cruzada',
            schools: schools.slice(0, 2 + (n % 3)),
            depthReached: ['teachers', 'classroom', 'students'][n % 3],
            classroomsReached: 3,
            teachersInvolved: 5,
            carriedOutOn: day(d + 3),
          },
        },
      );
    }
  }
  return events.map((e) => ({ ...e, metadata: { actor: 'bench', correlationId: 'seed' } }));
}

/** Appends `networks` decade histories, a few networks at a time. */
export async function seedDecades(store: EventStore, networks: number): Promise<number> {
  let total = 0;
  for (let first = 0; first < networks; first += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, networks - first) }, async (_, k) => {
        const events = decadeHistory(`bench-red-${first + k}`, first + k);
        await store.appendToStream(networkStreamId(`bench-red-${first + k}`), events, { expectedVersion: 'no_stream' });
        total += events.length;
      }),
    );
  }
  return total;
}
