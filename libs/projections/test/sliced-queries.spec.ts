import fc from 'fast-check';
import { foldHistory, initialHistory, type NetworkEvent, PERIODS } from '@indaga/domain';
import { networkViewsProjection } from '../src/network-views/network-views.projection';
import { indicatorsQuery, networkQuery, trajectoryQuery } from '../src/network-views/queries';
import { overviewProjection } from '../src/overview/overview.projection';
import { networkListQuery, overviewLineQuery } from '../src/overview/queries';
import { partsIn, singlePart, type TextParts } from '../src/read-models/text-parts';
import type { ViewQuery } from '../src/view-query';
import { decided, foundingCommands, historyArb } from './random-history';

const answer = <A, R>(query: ViewQuery<A, R>, parts: TextParts, args: A): R =>
  query.answer(partsIn(parts, query.parts(args)), args);

/** The parts a catch-up stores for these events, folded in two catch-ups with one serializer (as the runner). */
function storedView(projection: typeof networkViewsProjection | typeof overviewProjection, events: NetworkEvent[]) {
  const serializer = projection.serializer!();
  const half = Math.floor(events.length / 2);
  const first = foldHistory(events.slice(0, half), initialHistory());
  serializer.view(first, half);
  const doc = foldHistory(events.slice(half), first);
  return { doc, parts: serializer.view(doc, events.length) };
}

describe('typed queries read one slice of a row and answer what the pure view holds', () => {
  it('network-views: the network, and each period kind of trajectory and indicators, from their parts alone', () => {
    fc.assert(
      fc.property(historyArb, (commands) => {
        const events = decided([...foundingCommands('red-q'), ...commands]);
        const { doc, parts } = storedView(networkViewsProjection, events);
        const pure = networkViewsProjection.view(doc, events.length);
        // A row stored before views were filed in parts: one part 0 holding the whole view.
        const whole = singlePart(JSON.stringify(pure));
        for (const stored of [parts, whole]) {
          expect(answer(networkQuery, stored, undefined)).toEqual(pure.network);
          for (const period of PERIODS) {
            expect(answer(trajectoryQuery, stored, period)).toEqual(pure.trajectory[period]);
            expect(answer(indicatorsQuery, stored, period)).toEqual(pure.indicators[period]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('overview: each period kind line and the list item, from the entries part without the aggregates', () => {
    fc.assert(
      fc.property(historyArb, (commands) => {
        const events = decided([...foundingCommands('red-q', 'Ñuble'), ...commands]);
        const { doc, parts } = storedView(overviewProjection, events);
        const pure = overviewProjection.view(doc, events.length);
        for (const period of PERIODS) expect(answer(overviewLineQuery, parts, period)).toEqual(pure[period]);
        const { name, region, schools, level } = pure.quarter;
        expect(answer(networkListQuery, parts, undefined)).toEqual({ name, region, schools, currentLevel: level });
      }),
      { numRuns: 150 },
    );
  });

  it('a trajectory is not read from the parts of another period kind', () => {
    const events = decided(foundingCommands('red-q'));
    const { parts } = storedView(networkViewsProjection, events);
    expect(() => trajectoryQuery.answer(partsIn(parts, trajectoryQuery.parts('quarter')), 'year')).toThrow();
  });
});
