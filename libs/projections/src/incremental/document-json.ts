/** JSON text of array elements already serialised, by identity. */
const texts = new WeakMap<object, string>();

/**
 * `JSON.stringify(doc)` for a document whose top-level arrays hold objects
 * that are never mutated once in a document (the history fold replaces an
 * object instead of changing it): each element is serialised once and its
 * text reused by every later version of the document that still holds it.
 */
export function documentJson(doc: object): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${Array.isArray(value) ? `[${value.map(elementJson).join(',')}]` : JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}

function elementJson(item: unknown): string {
  if (item === null || typeof item !== 'object') return JSON.stringify(item) ?? 'null';
  let text = texts.get(item);
  if (text === undefined) texts.set(item, (text = JSON.stringify(item)));
  return text;
}
