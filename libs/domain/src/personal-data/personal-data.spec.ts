import { command, cycleOpened, networkRegistered, analysisRecorded, sessionHeld } from '../testing/builders';
import { type NetworkEvent, toNetworkEvents } from '../events';
import { DomainError } from '../errors';
import { networkDecider } from '../network/network-decider';
import { mapTextFields, textsOf } from './text-fields';
import { SCHEMA_VERSIONS, storedSchemaVersion, upcast } from './schema-versions';

describe('free-text fields (SPEC 6.1)', () => {
  it('maps every free-text string of an event and nothing else', () => {
    const analysis = analysisRecorded('c1', '2024-03-20');
    const mapped = mapTextFields(analysis.type, analysis.data, (t) => `<${t}>`);
    expect(mapped.findings).toBe(`<${analysis.data.findings}>`);
    expect(mapped.lessonsLearned).toEqual(analysis.data.lessonsLearned.map((l) => `<${l}>`));
    expect(mapped.evidenceLevel).toBe(analysis.data.evidenceLevel);
    expect(analysis.data.findings).not.toMatch(/^</); // the input is not mutated
  });

  it('reaches activity summaries and leaves absent optional fields absent', () => {
    const session = sessionHeld('s1', '2024-03-01');
    const data = {
      ...session.data,
      activities: [
        { kind: 'planning' as const, minutes: 30, summary: 'Ana habló' },
        { kind: 'planning' as const, minutes: 5 },
      ],
    };
    const mapped = mapTextFields('SessionHeld', data, () => null);
    expect(mapped.activities).toEqual([
      { kind: 'planning', minutes: 30, summary: null },
      { kind: 'planning', minutes: 5 },
    ]);
    const opened = cycleOpened('c1', '2024-03-01', ['A']);
    expect(textsOf(opened.type, { ...opened.data, prediction: undefined, focus: undefined })).toEqual([
      opened.data.question,
    ]);
    expect(textsOf('NetworkRegistered', networkRegistered().data)).toEqual([]);
  });
});

describe('event schema versions (SPEC 6.4)', () => {
  it('reads an event without schemaVersion as version 1, upcast to the current shape', () => {
    expect(storedSchemaVersion(undefined)).toBe(1);
    expect(storedSchemaVersion({ schemaVersion: 2 })).toBe(2);
    const v1 = { ...analysisRecorded('c1', '2024-03-20'), metadata: { recordedAt: '2024-03-20T00:00:00Z' } };
    const [read] = toNetworkEvents([v1]);
    expect(read.data).toEqual(v1.data);
    expect(upcast('CycleAnalysisRecorded', 1, v1.data)).toEqual(v1.data);
  });

  it('refuses a schema version newer than this code knows', () => {
    const newer = { ...networkRegistered(), metadata: { schemaVersion: SCHEMA_VERSIONS.NetworkRegistered + 1 } };
    expect(() => toNetworkEvents([newer])).toThrow(RangeError);
  });

  it('passes current events through as the same objects', () => {
    const current = { ...networkRegistered(), metadata: { schemaVersion: SCHEMA_VERSIONS.NetworkRegistered } };
    expect(toNetworkEvents([current])[0]).toBe(current);
  });
});

describe('RedactText (SPEC 6.2)', () => {
  const history: NetworkEvent[] = [networkRegistered(), cycleOpened('c1', '2024-03-01', [])];
  const decide = (data: Parameters<typeof command<'RedactText'>>[1], version = 2) => {
    const state = history.reduce(networkDecider.evolve, networkDecider.initialState());
    return networkDecider.decide({ ...command('RedactText', data), metadata: { today: '2024-12-31', version } }, state);
  };

  it('records the versions sorted without repeats, and "all" as such', () => {
    expect(decide({ versions: [2, 1, 2], reason: 'pedido' })).toEqual([
      { type: 'TextRedacted', data: { versions: [1, 2], reason: 'pedido' } },
    ]);
    expect(decide({ versions: 'all', reason: 'pedido' })[0].data).toEqual({ versions: 'all', reason: 'pedido' });
  });

  it('refuses a version beyond the stream, naming it', () => {
    expect(() => decide({ versions: [3], reason: 'x' })).toThrow(
      expect.objectContaining({
        code: 'REDACTION.UNKNOWN_VERSION',
        details: expect.objectContaining({ unknown: [3] }),
      }),
    );
  });

  it('refuses an empty list, a bad version or an empty reason, naming the field', () => {
    for (const [data, field] of [
      [{ versions: [], reason: 'x' }, 'versions'],
      [{ versions: [0], reason: 'x' }, 'versions[0]'],
      [{ versions: [1], reason: ' ' }, 'reason'],
    ] as const) {
      let error: unknown;
      try {
        decide(data as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details).toEqual([expect.objectContaining({ field })]);
    }
  });
});
