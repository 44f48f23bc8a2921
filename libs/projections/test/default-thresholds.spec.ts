import fc from 'fast-check';
import { foldHistory, PERIODS, periodAggregates, sensitivity, trajectory } from '@indaga/domain';
import { networkViewsProjection, NetworkViews } from '../src/network-views/network-views.projection';
import { joinParts } from '../src/read-models/text-parts';
import { decided, foundingCommands, historyArb } from './random-history';

/** SPEC §2's level rule with its literal numbers, independent of the code under test. */
function specLevel(minutes: { informative: number; collaborative: number; cooperative: number }, actions: number) {
  const total = minutes.informative + minutes.collaborative + minutes.cooperative;
  if (total === 0) return null;
  if (minutes.cooperative / total >= 0.4 && actions >= 1) return 'cooperative';
  if ((minutes.collaborative + minutes.cooperative) / total >= 0.5) return 'collaborative';
  return 'informative';
}

describe('the level rule with its thresholds as parameters (SPEC 5.3)', () => {
  it('the defaults, given explicitly, give exactly today’s trajectories (the stored read model, byte for byte)', () => {
    fc.assert(
      fc.property(historyArb, (commands) => {
        const events = decided([...foundingCommands('red-umbral'), ...commands]);
        const history = foldHistory(events);
        const serializer = networkViewsProjection.serializer!();
        const stored = JSON.parse(joinParts(serializer.view(history, events.length))) as NetworkViews;
        const given = { cooperativeShare: 0.4, collaborativeShare: 0.5, minMultiSchoolJointActions: 1 };
        for (const kind of PERIODS) {
          const explicit = trajectory(history, kind, given);
          expect(JSON.stringify(explicit)).toBe(JSON.stringify(stored.trajectory[kind]));
          for (const p of explicit.periods) expect(p.level).toBe(specLevel(p.minutes, p.multiSchoolJointActions));
        }
        const defaults = sensitivity(
          [{ networkId: 'red-umbral', region: 'Maule', periods: periodAggregates(history, 'quarter') }],
          given,
        );
        expect(defaults.changed).toEqual([]);
        for (const p of defaults.periods) expect(p.alternative).toEqual(p.default);
      }),
      { numRuns: 200 },
    );
  });

  it('other thresholds change levels, conditions and sentences, and nothing else', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        (commands, cooperativeShare, collaborativeShare, minMultiSchoolJointActions) => {
          const history = foldHistory(decided([...foundingCommands('red-umbral'), ...commands]));
          const thresholds = { cooperativeShare, collaborativeShare, minMultiSchoolJointActions };
          const base = trajectory(history, 'quarter').periods;
          const other = trajectory(history, 'quarter', thresholds).periods;
          other.forEach((p, i) => {
            const { level, explanation, conditions, ...rest } = p;
            const { level: _l, explanation: _e, conditions: _c, ...baseRest } = base[i];
            expect(rest).toEqual(baseRest);
            expect(conditions.map((c) => c.threshold)).toEqual([
              cooperativeShare,
              minMultiSchoolJointActions,
              collaborativeShare,
            ]);
            const total = p.minutes.informative + p.minutes.collaborative + p.minutes.cooperative;
            if (total === 0) expect(level).toBeNull();
            else if (
              p.minutes.cooperative / total >= cooperativeShare &&
              p.multiSchoolJointActions >= minMultiSchoolJointActions
            )
              expect(level).toBe('cooperative');
            else if ((p.minutes.collaborative + p.minutes.cooperative) / total >= collaborativeShare)
              expect(level).toBe('collaborative');
            else expect(level).toBe('informative');
            expect(typeof explanation).toBe('string');
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
