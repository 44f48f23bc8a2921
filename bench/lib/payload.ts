import type { NewEvent } from '../../libs/event-store/src';

/**
 * A realistic event of about 300 bytes once stored (data + metadata JSON),
 * with the accents a Chilean network's records carry.
 */
export function benchEvent(n: number): NewEvent {
  return {
    type: 'CollaborativeSessionHeld',
    data: {
      sessionId: `ses_${n.toString(36).padStart(8, '0')}`,
      heldOn: '2016-05-12',
      topic: 'Análisis de práctica pedagógica en lectura',
      schools: ['rbd-10234', 'rbd-10877'],
      leadership: { directivos: 2, docentes: 5 },
      notes: 'Se acordó observar clases de 2º básico.',
    },
    metadata: { actor: 'tok_01J2Y6Q4', correlationId: `cor_${n}` },
  };
}

export const benchData = (n: number): string => JSON.stringify(benchEvent(n).data);
export const benchMetadata = (n: number): string =>
  JSON.stringify({ ...benchEvent(n).metadata, recordedAt: new Date().toISOString() });
