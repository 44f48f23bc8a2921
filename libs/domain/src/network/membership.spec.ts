import { endMembership, isMemberOn, membersOn, openMembership, overlapsExisting, type Membership } from './membership';

// A: member 2024-02-01 → left 2024-06-01 → rejoined 2024-09-01 (open).
// B: member from 2024-03-15 (open). C: member 2024-02-01 → left 2024-04-01.
const memberships: Membership[] = [
  { schoolId: 'A', joinedOn: '2024-02-01', leftOn: '2024-06-01' },
  { schoolId: 'B', joinedOn: '2024-03-15' },
  { schoolId: 'C', joinedOn: '2024-02-01', leftOn: '2024-04-01' },
  { schoolId: 'A', joinedOn: '2024-09-01' },
];

describe('isMemberOn', () => {
  it.each([
    ['A', '2024-01-31', false],
    ['A', '2024-02-01', true], // the join day is included
    ['A', '2024-05-31', true],
    ['A', '2024-06-01', false], // the leave day is not
    ['A', '2024-08-31', false], // between memberships
    ['A', '2024-09-01', true], // rejoined
    ['A', '2030-01-01', true], // open membership
    ['B', '2024-03-14', false], // joined later than the date
    ['B', '2024-03-15', true],
    ['Z', '2024-03-15', false],
  ] as const)('%s on %s → %s', (schoolId, date, expected) => {
    expect(isMemberOn(memberships, schoolId, date)).toBe(expected);
  });
});

describe('membersOn', () => {
  it('lists each member once, in first-joining order', () => {
    expect(membersOn(memberships, '2024-03-31')).toEqual(['A', 'B', 'C']);
    expect(membersOn(memberships, '2024-04-01')).toEqual(['A', 'B']);
    expect(membersOn(memberships, '2024-07-01')).toEqual(['B']);
    expect(membersOn(memberships, '2024-12-31')).toEqual(['B', 'A']);
    expect(membersOn(memberships, '2024-01-01')).toEqual([]);
  });
});

describe('openMembership / overlapsExisting / endMembership', () => {
  it('finds only a membership that has not ended', () => {
    expect(openMembership(memberships, 'A')).toEqual({ schoolId: 'A', joinedOn: '2024-09-01' });
    expect(openMembership(memberships, 'C')).toBeUndefined();
  });

  it('treats a new open membership as overlapping unless earlier ones ended on or before it', () => {
    expect(overlapsExisting(memberships, 'C', '2024-04-01')).toBe(false);
    expect(overlapsExisting(memberships, 'C', '2024-03-31')).toBe(true);
    expect(overlapsExisting(memberships, 'B', '2025-01-01')).toBe(true);
    expect(overlapsExisting(memberships, 'Z', '2024-01-01')).toBe(false);
  });

  it('ends only the open membership and leaves the input untouched', () => {
    const ended = endMembership(memberships, 'A', '2024-10-01');
    expect(ended[3]).toEqual({ schoolId: 'A', joinedOn: '2024-09-01', leftOn: '2024-10-01' });
    expect(ended[0]).toBe(memberships[0]);
    expect(memberships[3]).toEqual({ schoolId: 'A', joinedOn: '2024-09-01' });
  });
});
