import type { EventStore, NewEvent } from '../../libs/event-store/src';
import { networkStreamId } from '../../libs/domain/src';

const SCHOOLS = Array.from({ length: 16 }, (_, i) => String(10100 + i));
const KINDS = [
  'policy_briefing',
  'practice_sharing',
  'joint_planning',
  'peer_observation',
  'joint_analysis',
  'technical_training',
];

function day(n: number): string {
  return new Date(Date.UTC(2016, 0, 4) + (n % 2900) * 86_400_000).toISOString().slice(0, 10);
}

/** A valid network history of `events` events: registration, 16 joins, then sessions with a cycle every 20 events. */
export function networkHistory(networkId: string, events: number): NewEvent[] {
  const out: NewEvent[] = [
    {
      type: 'NetworkRegistered',
      data: {
        networkId,
        name: `Red ${networkId}`,
        region: ['Maule', 'Ñuble', 'Biobío'][networkId.length % 3],
        registeredOn: '2016-01-04',
      },
    },
    ...SCHOOLS.map((schoolId) => ({
      type: 'SchoolJoined',
      data: {
        schoolId,
        name: `Escuela ${schoolId}`,
        dependency: 'slep',
        zone: 'rural',
        levels: ['basic'],
        joinedOn: '2016-01-04',
      },
    })),
  ];
  for (let n = 0; out.length < events; n++) {
    if (n % 20 === 19) {
      const cycleId = `c${n}`;
      out.push({
        type: 'InquiryCycleOpened',
        data: {
          cycleId,
          question: '¿Mejora la lectura?',
          orientation: 'improvement',
          schools: SCHOOLS.slice(0, 3),
          openedOn: day(n),
        },
      });
      if (out.length < events) {
        out.push({
          type: 'JointActionCarriedOut',
          data: {
            cycleId,
            actionId: `a${n}`,
            title: 'Observación cruzada',
            schools: SCHOOLS.slice(0, 3),
            depthReached: 'classroom',
            classroomsReached: 3,
            teachersInvolved: 5,
            carriedOutOn: day(n + 5),
          },
        });
      }
      continue;
    }
    out.push({
      type: 'SessionHeld',
      data: {
        sessionId: `s${n}`,
        heldOn: day(n),
        facilitator: 'school_leader',
        schoolsPresent: [SCHOOLS[n % 16], SCHOOLS[(n + 5) % 16]],
        attendance: { principals: 2, utpHeads: 1, teachers: 5, sostenedorReps: n % 2, supervisors: 1 },
        activities: [
          { kind: KINDS[n % KINDS.length], minutes: 45 },
          { kind: KINDS[(n + 1) % KINDS.length], minutes: 30 },
        ],
      },
    });
  }
  return out.slice(0, events).map((e) => ({ ...e, metadata: { actor: 'bench', correlationId: 'seed' } }));
}

/** Appends `networks` networks of `perNetwork` events each, a few networks at a time in batches of 1,000. */
export async function seedNetworks(store: EventStore, networks: number, perNetwork: number): Promise<number> {
  let total = 0;
  for (let first = 0; first < networks; first += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, networks - first) }, async (_, k) => {
        const networkId = `bench-red-${first + k}`;
        const events = networkHistory(networkId, perNetwork);
        for (let i = 0; i < events.length; i += 1000) {
          await store.appendToStream(networkStreamId(networkId), events.slice(i, i + 1000), {
            expectedVersion: i === 0 ? 'no_stream' : i,
          });
        }
        total += events.length;
      }),
    );
  }
  return total;
}
