import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { FieldIssue, validationFailed } from './validation';

/** Deepest nesting a body may have; SPEC's deepest body (a session's activities) is 3 levels. */
export const MAX_JSON_DEPTH = 16;

/**
 * Keys that name Object.prototype members (`constructor`, `toString`…) or
 * `prototype`. class-transformer finds them on every instance, so the
 * whitelist took them for declared fields and dropped them silently instead of
 * refusing them as unknown.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const join = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * Limits applied to bodies, queries and path parameters before validation,
 * walking the value without recursion (a deep enough value overflowed the
 * validation pipe's own recursive walk, a 500):
 * - nesting deeper than MAX_JSON_DEPTH;
 * - a NUL character in any string or key (PostgreSQL's text cannot hold one,
 *   so it failed in the driver; no field of SPEC has a use for it);
 * - keys named like Object.prototype members.
 * Each is a 400 VALIDATION.FAILED naming the field.
 */
export class InputLimitsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const root = metadata.type === 'param' ? (metadata.data ?? 'param') : metadata.type === 'query' ? '' : '';
    const issues = inspect(value, root);
    if (issues.length) throw validationFailed(issues);
    return value;
  }
}

/** Finds every violation (at most 20), breadth first. */
export function inspect(value: unknown, root: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const queue: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  for (let i = 0; i < queue.length && issues.length < 20; i++) {
    const { value: v, path, depth } = queue[i];
    if (typeof v === 'string') {
      if (v.includes('\u0000'))
        issues.push({ field: path || 'value', message: `${path || 'value'} must not contain NUL characters` });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      issues.push({ field: path || 'body', message: `nesting deeper than ${MAX_JSON_DEPTH} levels` });
      continue;
    }
    if (Array.isArray(v)) {
      v.forEach((item, index) => queue.push({ value: item, path: join(path, index), depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(v)) {
      const field = join(path, key);
      if (key.includes('\u0000'))
        issues.push({ field: JSON.stringify(field), message: 'field names must not contain NUL characters' });
      else if (PROTOTYPE_KEYS.has(key)) issues.push({ field, message: `${field} should not exist` });
      else queue.push({ value: (v as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return issues;
}
