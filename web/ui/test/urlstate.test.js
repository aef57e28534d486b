import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeState, decodeState, emptyState } from '../src/urlstate.js';

test('round trip keeps every field', () => {
  const cases = [
    { name: 'empty', state: emptyState() },
    { name: 'focus only', state: { ...emptyState(), focus: 'china' } },
    {
      name: 'everything',
      state: {
        focus: 'greg-austin',
        labels: ['Country', 'Person'],
        types: ['AUTHORED', 'SPIES_ON'],
        asOf: '2015-09',
        minReliability: 'B',
        minCredibility: '3',
        from: 'united-states',
        to: 'china',
        k: 4,
        tab: 'cypher',
        cypher: "MATCH (a)-[r:SPIES_ON]->(b)\nWHERE a.name = 'China & co' RETURN a, b",
        params: '{"x": "a=b&c#d"}',
      },
    },
  ];
  for (const c of cases) {
    assert.deepEqual(decodeState(encodeState(c.state)), c.state, c.name);
  }
});

test('encoding omits empty fields and is stable', () => {
  assert.equal(encodeState(emptyState()), '');
  const a = encodeState({ ...emptyState(), types: ['SPIES_ON', 'AUTHORED'], focus: 'china' });
  const b = encodeState({ ...emptyState(), focus: 'china', types: ['AUTHORED', 'SPIES_ON'] });
  assert.equal(a, b);
  assert.equal(a, 'focus=china&types=AUTHORED%2CSPIES_ON');
});

test('decoding tolerates hand-edited hashes', () => {
  const cases = [
    ['#focus=china', { focus: 'china' }],
    ['focus=china', { focus: 'china' }],
    ['#k=0', {}],
    ['#k=99', {}],
    ['#k=two', {}],
    ['#k=5', { k: 5 }],
    ['#tab=bogus', {}],
    ['#tab=paths', { tab: 'paths' }],
    ['#labels=Person,,Country,Person', { labels: ['Country', 'Person'] }],
    ['#unknown=1&asOf=2015', { asOf: '2015' }],
    ['', {}],
  ];
  for (const [hash, want] of cases) {
    assert.deepEqual(decodeState(hash), { ...emptyState(), ...want }, hash);
  }
});
