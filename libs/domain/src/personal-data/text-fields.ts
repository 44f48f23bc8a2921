// SPEC 6.1: which fields of each event are free text (they may name a teacher
// or a pupil). A Record over the event union, so a new event type cannot be
// added without declaring its text fields (an empty list when it has none).
import type { NetworkEventType } from '../events';

/**
 * A path to free text inside an event's data: a field (`question`), every
 * element of a string array (`lessonsLearned[]`), or a field of every object
 * of an array (`activities[].summary`).
 */
export type TextPath = string;

export const TEXT_FIELDS: Readonly<Record<NetworkEventType, readonly TextPath[]>> = {
  NetworkRegistered: [],
  SchoolJoined: [],
  SchoolLeft: ['reason'],
  SessionHeld: ['activities[].summary'],
  SessionCorrected: ['activities[].summary', 'reason'],
  SessionWithdrawn: ['reason'],
  InquiryCycleOpened: ['question', 'prediction', 'focus'],
  JointActionCarriedOut: ['title'],
  CycleAnalysisRecorded: ['findings', 'lessonsLearned[]'],
  InquiryCycleClosed: [],
  TextRedacted: ['reason'],
};

/** Whether events of this type can carry free text at all. */
export function hasTextFields(type: NetworkEventType): boolean {
  return TEXT_FIELDS[type].length > 0;
}

/**
 * A copy of `data` with every present free-text string of its type replaced by
 * `map(text)`; absent optional fields stay absent, other fields are untouched.
 * Pure: the caller brings the transformation (sealing, counting).
 */
export function mapTextFields<T>(type: NetworkEventType, data: T, map: (text: string) => string | null): T {
  let copy: Record<string, unknown> | undefined;
  for (const path of TEXT_FIELDS[type]) {
    const source = (copy ?? data) as Record<string, unknown>;
    const [field, rest] = path.split('[]');
    const value = source?.[field];
    let next: unknown = value;
    if (rest === undefined) {
      if (typeof value === 'string') next = map(value);
    } else if (Array.isArray(value)) {
      const member = rest.startsWith('.') ? rest.slice(1) : '';
      next = value.map((item: unknown) => {
        if (member === '') return typeof item === 'string' ? map(item) : item;
        const inner = (item as Record<string, unknown> | null)?.[member];
        return typeof inner === 'string' ? { ...(item as object), [member]: map(inner) } : item;
      });
    }
    if (next !== value) copy = { ...(source as object), [field]: next };
  }
  return (copy ?? data) as T;
}

/** Every present free-text string of an event, in table order. */
export function textsOf(type: NetworkEventType, data: unknown): string[] {
  const texts: string[] = [];
  mapTextFields(type, data, (text) => {
    texts.push(text);
    return text;
  });
  return texts;
}
