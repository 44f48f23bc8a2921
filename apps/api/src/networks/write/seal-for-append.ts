import type { NetworkEvent } from '@indaga/domain';
import type { DataKeyChanges } from '@indaga/event-store';
import { sealEvents, type TextSealing } from '@indaga/platform';

export interface SealedAppend {
  /** The events as they are stored and folded: free text sealed. */
  events: NetworkEvent[];
  /** Per event, what its metadata gains: `schemaVersion`, and `keyId` when it holds text. */
  metadata: Array<{ schemaVersion: number; keyId?: string }>;
  /** The append option: new keys to store, the keys a TextRedacted destroys. */
  dataKeys?: DataKeyChanges;
}

/**
 * SPEC 6.1/6.2 on the write path, between decide and append: seals the new
 * events' free text (one data key per event holding text, versions from
 * `version + 1`) and, for a TextRedacted, names the keys to destroy in the
 * same append.
 */
export function sealForAppend(
  sealing: TextSealing,
  streamId: string,
  version: number,
  decided: readonly NetworkEvent[],
): SealedAppend {
  const sealed = sealing.enabled
    ? sealEvents(sealing.masterKey, streamId, version + 1, decided)
    : { events: [...decided], metadata: decided.map(() => ({ schemaVersion: 1 })), keys: [] };
  // One redaction at most, the append's last event (decideInOrder ends a round at one).
  const at = decided.findIndex((e) => e.type === 'TextRedacted');
  const redaction = decided[at];
  const destroy = redaction?.type === 'TextRedacted' ? { streamId, versions: redaction.data.versions } : undefined;
  // Keys of this append's own events that the redaction names are never stored (the stores destroy
  // before they store, so `all` reaches only the keys the stream had).
  const redactedVersion = version + 1 + at;
  const covered = (v: number) =>
    destroy !== undefined &&
    v !== redactedVersion &&
    (destroy.versions === 'all' ? v < redactedVersion : destroy.versions.includes(v));
  const put = sealed.keys.filter((k) => !covered(k.version));
  const dataKeys =
    put.length > 0 || destroy ? { ...(put.length ? { put } : {}), ...(destroy ? { destroy } : {}) } : undefined;
  return { events: sealed.events, metadata: sealed.metadata, ...(dataKeys ? { dataKeys } : {}) };
}
