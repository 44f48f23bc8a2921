import type { SessionFields } from './events';

/**
 * A session's fields copied field by field: only the known fields, so nothing
 * stray (from a request body, a stored event) reaches an event or a history,
 * and no array is shared with the source. An empty summary is left out, as
 * the REST contract never records one.
 */
export function sessionFieldsOf(source: SessionFields): SessionFields {
  const { principals, utpHeads, teachers, sostenedorReps, supervisors } = source.attendance;
  return {
    sessionId: source.sessionId,
    heldOn: source.heldOn,
    facilitator: source.facilitator,
    schoolsPresent: [...source.schoolsPresent],
    attendance: { principals, utpHeads, teachers, sostenedorReps, supervisors },
    activities: source.activities.map(({ kind, minutes, summary }) =>
      summary ? { kind, minutes, summary } : { kind, minutes },
    ),
  };
}
