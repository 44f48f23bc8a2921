import type { NetworkEvent } from '../events';
import { foldHistory } from '../history/evolve-history';
import { depthOf } from '../indicators/depth';
import { allJointActions } from '../history/network-history';
import {
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  schoolLeft,
  sessionHeld,
} from '../testing/builders';
import { collaborationGraph } from './collaboration';

// Registered 2024-01-10. A, B, C, D join on 2024-01-15; B leaves on 2024-03-01 and rejoins on 2024-05-01;
// E joins on 2024-06-01 and works with nobody.
const events: NetworkEvent[] = [
  networkRegistered(),
  ...['A', 'B', 'C', 'D'].map((s) => schoolJoined(s, '2024-01-15', s === 'D' ? { zone: 'rural' } : {})),
  cycleOpened('c1', '2024-01-20', ['A', 'B', 'C', 'D']),
  jointAction('c1', 'a1', '2024-02-01', ['A', 'B']),
  jointAction('c1', 'a2', '2024-02-10', ['A', 'B', 'C']),
  sessionHeld('s1', '2024-02-12', { schoolsPresent: ['A', 'B', 'C'] }),
  schoolLeft('B', '2024-03-01'),
  schoolJoined('B', '2024-05-01'),
  schoolJoined('E', '2024-06-01'),
  jointAction('c1', 'a3', '2024-06-10', ['C', 'D', 'D']),
];
const history = foldHistory(events);

describe('collaboration graph (SPEC 5.2)', () => {
  it('over the whole history: nodes, edges with their joint actions, metrics over the members on `to`', () => {
    const graph = collaborationGraph(history)!;
    expect(graph.from).toBe('2024-01-10');
    expect(graph.to).toBe('2024-06-10');
    expect(graph.nodes.map((n) => [n.schoolId, n.member, n.jointActions, n.sessionsPresent])).toEqual([
      ['A', true, 2, 1],
      ['B', true, 2, 1],
      ['C', true, 2, 1],
      ['D', true, 1, 0],
      ['E', true, 0, 0],
    ]);
    expect(graph.nodes[3]).toMatchObject({ name: 'Escuela D', zone: 'rural', dependency: 'municipal' });
    // a listed twice in a3 (D, D) makes no self-edge.
    expect(graph.edges).toEqual([
      { a: 'A', b: 'B', jointActions: 2 },
      { a: 'A', b: 'C', jointActions: 1 },
      { a: 'B', b: 'C', jointActions: 1 },
      { a: 'C', b: 'D', jointActions: 1 },
    ]);
    // n = 5, E = 4: density 8/20; degrees A2 B2 C3 D1 E0 → Σ(3 − d) = 1+1+0+2+3 = 7 over 4·3.
    expect(graph.metrics).toEqual({ density: 0.4, isolated: ['E'], components: 2, degreeCentralization: 0.583 });
  });

  it('a school that left and rejoined is one node; while away it is a node but not a member', () => {
    const graph = collaborationGraph(history, { from: '2024-02-01', to: '2024-03-31' })!;
    expect(graph.nodes.map((n) => [n.schoolId, n.member])).toEqual([
      ['A', true],
      ['B', false],
      ['C', true],
      ['D', true],
    ]);
    // Edges keep B (it worked in range), metrics count members only: A–C is the one tie among A, C, D.
    expect(graph.edges.map((e) => `${e.a}${e.b}`)).toEqual(['AB', 'AC', 'BC']);
    // degrees A1 C1 D0: Σ(1 − d) = 1 over 2·1.
    expect(graph.metrics).toEqual({ density: 0.333, isolated: ['D'], components: 2, degreeCentralization: 0.5 });
  });

  it('n < 2: density null; n < 3: centralization null', () => {
    const one = foldHistory([networkRegistered(), schoolJoined('A', '2024-01-15')]);
    expect(collaborationGraph(one)!.metrics).toEqual({
      density: null,
      isolated: ['A'],
      components: 1,
      degreeCentralization: null,
    });
    const two = foldHistory([
      networkRegistered(),
      schoolJoined('A', '2024-01-15'),
      schoolJoined('B', '2024-01-15'),
      cycleOpened('c1', '2024-01-20', ['A', 'B']),
      jointAction('c1', 'a1', '2024-02-01', ['A', 'B']),
    ]);
    expect(collaborationGraph(two)!.metrics).toEqual({
      density: 1,
      isolated: [],
      components: 1,
      degreeCentralization: null,
    });
  });

  it('no members on `to`: no density, no components', () => {
    const graph = collaborationGraph(history, { from: '2024-01-10', to: '2024-01-12' })!;
    expect(graph.nodes).toEqual([]);
    expect(graph.metrics).toEqual({ density: null, isolated: [], components: 0, degreeCentralization: null });
  });

  it('over one quarter its density is the tieDensity of that quarter (the same formula)', () => {
    for (const [period, from, to] of [
      ['2024-Q1', '2024-01-01', '2024-03-31'],
      ['2024-Q2', '2024-04-01', '2024-06-30'],
    ]) {
      const actions = allJointActions(history).filter((a) => from <= a.carriedOutOn && a.carriedOutOn <= to);
      expect(collaborationGraph(history, { from, to })!.metrics.density).toBe(
        depthOf(history, period, actions).tieDensity,
      );
    }
  });

  it('before registration there is nothing to draw', () => {
    expect(collaborationGraph(foldHistory([]))).toBeNull();
  });
});
