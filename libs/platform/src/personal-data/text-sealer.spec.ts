import { randomBytes } from 'node:crypto';
import type { NetworkEvent } from '@indaga/domain';
import { nativeGcm } from './native-gcm';
import { isSealed, openText, sealedKeyId, unwrapKey } from './sealed-text';
import { sealEvents } from './text-sealer';

const analysedData = {
  cycleId: 'c1',
  findings: 'Ana mejoró',
  evidenceLevel: 'classroom',
  lessonsLearned: ['uno', '', 'tres 📚'],
  analysedOn: '2024-03-01',
};
type AnalysedData = typeof analysedData;
const analysed = { type: 'CycleAnalysisRecorded', data: analysedData } as NetworkEvent;
const closed = { type: 'InquiryCycleClosed', data: { cycleId: 'c1', closedOn: '2024-03-02' } } as NetworkEvent;
const joined = { type: 'SchoolJoined', data: { schoolId: '1' } } as unknown as NetworkEvent;
const withdrawnWithoutReason = { type: 'SessionWithdrawn', data: { sessionId: 's1' } } as unknown as NetworkEvent;

describe.each([
  ['in one native call', nativeGcm()],
  ['with Node’s crypto', undefined],
])('sealEvents %s', (_, gcm) => {
  const master = randomBytes(32);

  it('seals every text of each event under a key of its own, wrapped by the master key with the version it gets', () => {
    const events = [analysed, closed, withdrawnWithoutReason, analysed, joined];
    const sealed = sealEvents(master, 'network-x', 7, events, gcm);
    // Events without text (none in their type, or none present) are passed as they are.
    expect(sealed.events[1]).toBe(closed);
    expect(sealed.events[2]).toBe(withdrawnWithoutReason);
    expect(sealed.events[4]).toBe(joined);
    expect(sealed.metadata.map((m) => m.keyId === undefined)).toEqual([false, true, true, false, true]);
    expect(sealed.keys.map((k) => [k.streamId, k.version])).toEqual([
      ['network-x', 7],
      ['network-x', 10],
    ]);
    for (const at of [0, 3]) {
      const data = sealed.events[at].data as unknown as AnalysedData;
      const keyId = sealed.metadata[at].keyId!;
      const key = unwrapKey(master, keyId, sealed.keys.find((k) => k.keyId === keyId)!.wrapped);
      for (const text of [data.findings, ...data.lessonsLearned]) {
        expect(isSealed(text)).toBe(true);
        expect(sealedKeyId(text)).toBe(keyId);
      }
      expect(openText(key, data.findings)).toBe('Ana mejoró');
      expect(data.lessonsLearned.map((t) => openText(key, t))).toEqual(['uno', '', 'tres 📚']);
      expect({ ...data, findings: 'x', lessonsLearned: [] }).toEqual({
        ...analysedData,
        findings: 'x',
        lessonsLearned: [],
      });
    }
    expect(sealed.metadata[0].keyId).not.toBe(sealed.metadata[3].keyId);
    expect(analysedData.findings).toBe('Ana mejoró'); // the input is not changed
  });
});
