/** Request bodies of SPEC section 3, valid by default; tests override what they exercise. */
export const network = (networkId: string, over: Record<string, unknown> = {}) => ({
  networkId,
  name: 'Red de Mejoramiento Escolar Maule Sur — Ñuble',
  region: 'Maule',
  commune: 'Talca',
  registeredOn: '2016-03-01',
  ...over,
});

export const school = (schoolId: string, over: Record<string, unknown> = {}) => ({
  schoolId,
  name: `Escuela ${schoolId}`,
  dependency: 'slep',
  zone: 'rural',
  levels: ['basic'],
  joinedOn: '2016-03-01',
  ...over,
});

export const session = (over: Record<string, unknown> = {}) => ({
  heldOn: '2016-04-12',
  facilitator: 'sostenedor',
  schoolsPresent: ['10123', '10456'],
  attendance: { principals: 2, utpHeads: 2, teachers: 4, sostenedorReps: 1, supervisors: 1 },
  activities: [
    { kind: 'policy_briefing', minutes: 30, summary: 'Ley 21.040 y los SLEP' },
    { kind: 'practice_sharing', minutes: 45 },
    { kind: 'joint_planning', minutes: 45 },
  ],
  ...over,
});

export const cycle = (over: Record<string, unknown> = {}) => ({
  question: '¿Mejora la comprensión lectora si modelamos la lectura en voz alta? 📚',
  prediction: 'Sube 10 puntos',
  orientation: 'improvement',
  schools: ['10123', '10456'],
  openedOn: '2016-04-20',
  ...over,
});

export const jointAction = (over: Record<string, unknown> = {}) => ({
  title: 'Observación de aula cruzada',
  schools: ['10123', '10456'],
  depthReached: 'classroom',
  classroomsReached: 4,
  teachersInvolved: 6,
  carriedOutOn: '2016-05-10',
  ...over,
});

export const analysis = (over: Record<string, unknown> = {}) => ({
  findings: 'La comprensión subió en tres de cuatro cursos',
  evidenceLevel: 'classroom',
  predictionMet: 'partly',
  lessonsLearned: ['Modelar antes de pedir lectura autónoma'],
  analysedOn: '2016-06-20',
  ...over,
});

export const close = (over: Record<string, unknown> = {}) => ({ decision: 'spread', closedOn: '2016-06-30', ...over });
