import { inspect, MAX_JSON_DEPTH } from './input-limits';

describe('input limits before validation', () => {
  it('refuses nesting deeper than the limit without recursing (100,000 levels)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspect({ nested: deep }, '')).toEqual([
      { field: `nested${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`, message: `nesting deeper than ${MAX_JSON_DEPTH} levels` },
    ]);
    let fine: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) fine = { a: fine };
    expect(inspect(fine, '')).toEqual([]);
  });

  it('names every string, key or parameter holding a NUL character', () => {
    expect(inspect({ label: 'a\u0000b', list: ['ok', '\u0000'] }, '').map((i) => i.field)).toEqual([
      'label',
      'list[1]',
    ]);
    expect(inspect('%\u0000', 'id')).toEqual([{ field: 'id', message: 'id must not contain NUL characters' }]);
  });

  it.each(['constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf'])(
    'refuses a key named %s, at any depth',
    (key) => {
      const body = JSON.parse(`{"a":{${JSON.stringify(key)}:1}}`);
      expect(inspect(body, '')).toEqual([{ field: `a.${key}`, message: `a.${key} should not exist` }]);
    },
  );
});
