import fc from 'fast-check';
import {
  cohorts,
  COHORT_KEYS,
  foldHistory,
  NetworkAggregates,
  periodAggregates,
  PERIODS,
  rollUpAggregates,
  sensitivity,
} from '@indaga/domain';
import {
  aggregatesOfPart,
  entriesOfPart,
  OVERVIEW_AGGREGATES_PART,
  OVERVIEW_ENTRIES_PART,
} from '../src/overview/overview-aggregates';
import { overviewProjection } from '../src/overview/overview.projection';
import { decided, foundingCommands, historyArb } from './random-history';

const thresholdsArb = fc.record({
  cooperativeShare: fc.double({ min: 0, max: 1, noNaN: true }),
  collaborativeShare: fc.double({ min: 0, max: 1, noNaN: true }),
  minMultiSchoolJointActions: fc.integer({ min: 0, max: 3 }),
});

describe('the overview’s stored aggregates (SPEC 5.3, 5.4 read model)', () => {
  it('after catch-ups in chunks, the aggregates part gives the pure functions’ sensitivity and cohorts for every period kind', () => {
    fc.assert(
      fc.property(
        fc.array(historyArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        thresholdsArb,
        (histories, chunks, thresholds) => {
          const stored: NetworkAggregates[] = [];
          const pure: Record<string, NetworkAggregates[]> = { quarter: [], half: [], year: [] };
          histories.forEach((commands, n) => {
            const networkId = `red-${n}`;
            const region = n % 2 ? 'Maule' : 'Ñuble';
            const events = decided([...foundingCommands(networkId, region), ...commands]);
            // One serializer across chunked catch-ups, as the runner keeps it.
            const serializer = overviewProjection.serializer!();
            let doc = overviewProjection.initial();
            let parts = new Map<number, string>();
            for (let done = 0, i = 0; done < events.length; i++) {
              const size = chunks[i % chunks.length];
              doc = overviewProjection.evolve(doc, events.slice(done, done + size));
              done = Math.min(events.length, done + size);
              parts = new Map(serializer.view(doc, done));
            }
            const entries = entriesOfPart<{ quarter: { region: string } }>(parts.get(OVERVIEW_ENTRIES_PART)!);
            expect(entries.quarter.region).toBe(region);
            const quarters = aggregatesOfPart(parts.get(OVERVIEW_AGGREGATES_PART));
            const history = foldHistory(events);
            expect(quarters).toEqual(periodAggregates(history, 'quarter'));
            for (const kind of PERIODS) {
              expect(rollUpAggregates(quarters, kind)).toEqual(periodAggregates(history, kind));
              pure[kind].push({ networkId, region, periods: periodAggregates(history, kind) });
            }
            stored.push({ networkId, region, periods: quarters });
          });
          for (const kind of PERIODS) {
            const fromStore = stored.map((s) => ({ ...s, periods: rollUpAggregates(s.periods, kind) }));
            expect(sensitivity(fromStore, thresholds)).toEqual(sensitivity(pure[kind], thresholds));
            for (const by of COHORT_KEYS) expect(cohorts(fromStore, by)).toEqual(cohorts(pure[kind], by));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a row stored before the aggregates existed reads as entries without aggregates', () => {
    expect(entriesOfPart('{"quarter":{"level":null}}')).toEqual({ quarter: { level: null } });
    expect(aggregatesOfPart(undefined)).toEqual([]);
  });
});
