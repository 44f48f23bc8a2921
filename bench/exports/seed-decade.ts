import type { EventStore, NewEvent } from '../../libs/event-store/src';
import { networkStreamId } from '../../libs/domain/src';

const KINDS = [
  'policy_briefing',
  'technical_training',
  'practice_sharing',
  'peer_observation',
  'joint_planning',
  'joint_analysis',
];
const REGIONS = ['Maule', 'Ñuble', 'Biobío', 'Araucanía', 'Los Lagos'];
const START = Date.UTC(2015, 0, 5);
const DAYS = 3_650;

const dayOf = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A network over ten years (2015-2024): 12 schools (urban, rural or both,
 * some leaving and rejoining), `sessions` sessions spread evenly with a mix of
 * activities that drifts towards cooperative work, and a cycle with a joint
 * action every tenth session.
 */
export function decadeHistory(index: number, sessions = 360): NewEvent[] {
  const networkId = `red-decada-${String(index).padStart(4, '0')}`;
  const schools = Array.from({ length: 12 }, (_, i) => String(20_000 + index * 16 + i));
  const out: NewEvent[] = [
    {
      type: 'NetworkRegistered',
      data: {
        networkId,
        name: `Red "${index}", décadas`,
        region: REGIONS[index % REGIONS.length],
        registeredOn: dayOf(0),
      },
    },
    ...schools.map((schoolId, i) => ({
      type: 'SchoolJoined',
      data: {
        schoolId,
        name: `Escuela ${schoolId}`,
        dependency: i % 3 === 0 ? 'municipal' : 'slep',
        zone: index % 3 === 0 || i % 4 !== 0 ? 'rural' : 'urban',
        levels: ['basic'],
        joinedOn: dayOf(0),
      },
    })),
  ];
  for (let n = 0; n < sessions; n++) {
    const day = Math.floor(((n + 1) * (DAYS - 10)) / sessions);
    const drift = Math.floor((n * KINDS.length) / sessions);
    out.push({
      type: 'SessionHeld',
      data: {
        sessionId: `s${n}`,
        heldOn: dayOf(day),
        facilitator: n % 3 ? 'school_leader' : 'ministry_supervisor',
        schoolsPresent: schools.slice(0, 4 + (n % 8)),
        attendance: { principals: 3, utpHeads: 2, teachers: 8, sostenedorReps: n % 2, supervisors: 1 },
        activities: [
          { kind: KINDS[(n + index) % KINDS.length], minutes: 45, summary: 'Revisión, "acuerdos" y pasos' },
          { kind: KINDS[Math.min(KINDS.length - 1, drift + (n % 2))], minutes: 60 },
        ],
      },
    });
    if (n % 10 === 9) {
      const cycleId = `c${n}`;
      const members = schools.slice(n % 6, (n % 6) + 3);
      out.push(
        {
          type: 'InquiryCycleOpened',
          data: {
            cycleId,
            question: '¿Mejora la lectura?',
            orientation: n % 20 ? 'improvement' : 'innovation',
            schools: members,
            openedOn: dayOf(day),
          },
        },
        {
          type: 'JointActionCarriedOut',
          data: {
            cycleId,
            actionId: `a${n}`,
            title: 'Observación cruzada',
            schools: members,
            depthReached: n % 4 ? 'classroom' : 'teachers',
            classroomsReached: 3,
            teachersInvolved: 5,
            carriedOutOn: dayOf(day + 1),
          },
        },
      );
    }
    if (n === Math.floor(sessions / 2) && index % 4 === 1)
      out.push({ type: 'SchoolLeft', data: { schoolId: schools[0], leftOn: dayOf(day + 2) } });
  }
  return out.map((e) => ({ ...e, metadata: { actor: 'bench', correlationId: 'seed' } }));
}

/** Appends `networks` decade networks, a few at a time; returns the events written. */
export async function seedDecades(store: EventStore, networks: number): Promise<number> {
  let total = 0;
  for (let first = 0; first < networks; first += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, networks - first) }, async (_, k) => {
        const events = decadeHistory(first + k);
        const networkId = (events[0].data as { networkId: string }).networkId;
        await store.appendToStream(networkStreamId(networkId), events, { expectedVersion: 'no_stream' });
        total += events.length;
      }),
    );
  }
  return total;
}
