import type { RedactText } from '../commands';
import { DomainError } from '../errors';
import type { NetworkEvent } from '../events';
import { requireRegistered, throwIfInvalid } from './guards';
import type { NetworkState } from './state';

/**
 * SPEC 6.2: erasing free text is itself a fact. Every listed version must
 * exist (be at most the stream's version when the command is decided);
 * redacting an event without text, or one already redacted, is not an error:
 * there is simply no key left to destroy. Versions are recorded sorted and
 * without repeats.
 */
export function redactText(command: RedactText, state: NetworkState): NetworkEvent[] {
  const { data, metadata } = command;
  requireRegistered(state);
  const issues = [];
  if (typeof data.reason !== 'string' || data.reason.trim() === '')
    issues.push({ field: 'reason', message: 'must be a non-empty text' });
  if (data.versions !== 'all') {
    if (!Array.isArray(data.versions) || data.versions.length === 0)
      issues.push({ field: 'versions', message: 'must be "all" or a non-empty list of versions' });
    else
      data.versions.forEach((v, i) => {
        if (!Number.isSafeInteger(v) || v < 1)
          issues.push({ field: `versions[${i}]`, message: 'must be an integer of at least 1' });
      });
  }
  throwIfInvalid(issues);
  const current = metadata.version;
  if (current === undefined) throw new Error('RedactText needs metadata.version (the stream version it is decided at)');
  if (data.versions === 'all') return [{ type: 'TextRedacted', data: { versions: 'all', reason: data.reason } }];
  const unknown = data.versions.filter((v) => v > current);
  if (unknown.length > 0) {
    throw new DomainError(
      'REDACTION.UNKNOWN_VERSION',
      `versions ${unknown.join(', ')} do not exist: the network's stream is at version ${current}.`,
      { field: 'versions', unknown, currentVersion: current },
    );
  }
  const versions = [...new Set(data.versions)].sort((a, b) => a - b);
  return [{ type: 'TextRedacted', data: { versions, reason: data.reason } }];
}
