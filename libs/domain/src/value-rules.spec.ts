import { ACTIVITY_CATEGORY, ACTIVITY_KINDS, DEPTH_LEVELS, depthRank } from './enums';
import { daysInMonth, isCalendarDate, LOCAL_ID_PATTERN, NETWORK_ID_PATTERN, SCHOOL_ID_PATTERN } from './value-rules';

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '2016-04-01', '0001-01-01'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2023-02-30',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '0000-01-01',
    '2023-1-01',
    '2023-01-01T00:00:00Z',
    ' 2023-01-01',
    '',
  ])('rejects %j', (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isCalendarDate(20230101)).toBe(false);
    expect(isCalendarDate(undefined)).toBe(false);
  });

  it('knows month lengths', () => {
    expect([1, 2, 4, 6, 9, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([31, 28, 30, 30, 30, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });
});

describe('id patterns', () => {
  it('networkId: lower-case, starts alphanumeric, 3–64 characters', () => {
    expect(NETWORK_ID_PATTERN.test('red-valpo-1')).toBe(true);
    expect(NETWORK_ID_PATTERN.test('abc')).toBe(true);
    expect(NETWORK_ID_PATTERN.test('ab')).toBe(false);
    expect(NETWORK_ID_PATTERN.test('-abc')).toBe(false);
    expect(NETWORK_ID_PATTERN.test('Red')).toBe(false);
    expect(NETWORK_ID_PATTERN.test('a'.repeat(64))).toBe(true);
    expect(NETWORK_ID_PATTERN.test('a'.repeat(65))).toBe(false);
  });

  it('schoolId: the RBD or similar, 1–32 characters, no underscore', () => {
    expect(SCHOOL_ID_PATTERN.test('10123')).toBe(true);
    expect(SCHOOL_ID_PATTERN.test('10123-4')).toBe(true);
    expect(SCHOOL_ID_PATTERN.test('a_b')).toBe(false);
    expect(SCHOOL_ID_PATTERN.test('x'.repeat(33))).toBe(false);
  });

  it('sessionId/cycleId/actionId: ULIDs and client ids up to 64 characters', () => {
    expect(LOCAL_ID_PATTERN.test('01HZX3K9Q8V7W6T5S4R3P2N1M0')).toBe(true);
    expect(LOCAL_ID_PATTERN.test('cycle_2024-1')).toBe(true);
    expect(LOCAL_ID_PATTERN.test('a b')).toBe(false);
    expect(LOCAL_ID_PATTERN.test('')).toBe(false);
  });
});

describe('enums', () => {
  it('ranks depth levels 0–4 from network to students', () => {
    expect(DEPTH_LEVELS.map(depthRank)).toEqual([0, 1, 2, 3, 4]);
    expect(depthRank('classroom')).toBe(3);
  });

  it('gives every activity kind a category, administrative none', () => {
    expect(Object.keys(ACTIVITY_CATEGORY).sort()).toEqual([...ACTIVITY_KINDS].sort());
    expect(ACTIVITY_CATEGORY.administrative).toBeNull();
    expect(ACTIVITY_KINDS.filter((k) => ACTIVITY_CATEGORY[k] === 'cooperative')).toEqual([
      'goal_setting',
      'joint_planning',
      'joint_analysis',
    ]);
    expect(ACTIVITY_KINDS.filter((k) => ACTIVITY_CATEGORY[k] === 'collaborative')).toEqual([
      'practice_sharing',
      'lessons_learned',
      'peer_observation',
    ]);
  });
});
