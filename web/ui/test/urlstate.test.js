import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeState, decodeState, emptyState, URL_KEYS, URL_MAX_NODES, viewDocument, readViewDocument } from '../src/urlstate.js';

const everything = {
  ...emptyState(),
  focus: 'greg-austin',
  labels: ['Country', 'Person'],
  types: ['AUTHORED', 'SPIES_ON'],
  time: { from: '2010', to: '2015-09' },
  minReliability: 'B',
  minCredibility: '3',
  marks: false,
  path: { from: 'united-states', to: 'china', k: 4, len: 5, dir: 'out', pick: 2 },
  tab: 'cypher',
  cypher: "MATCH (a)-[r:SPIES_ON]->(b)\nWHERE a.name = 'China & co' RETURN a, b",
  params: '{"x": "a=b&c#d"}',
  nodes: ['china', 'greg-austin', 'united-states'],
  hidden: ['china'],
  selected: ['greg-austin'],
  pos: { china: [10, -20], 'greg-austin': [0, 5], 'united-states': [-300, 41] },
  view: { zoom: 0.75, x: 12, y: -40 },
  rules: [{ target: 'node', channel: 'size', input: 'degree' }],
};

test('round trip keeps every field', () => {
  const cases = [
    { name: 'empty', state: emptyState() },
    { name: 'focus only', state: { ...emptyState(), focus: 'china' } },
    { name: 'as-of date', state: { ...emptyState(), time: { from: '2015', to: '2015' } } },
    { name: 'open-ended range', state: { ...emptyState(), time: { from: '2013', to: '' } } },
    { name: 'an empty canvas', state: { ...emptyState(), nodes: [] } },
    { name: 'everything', state: everything },
  ];
  for (const c of cases) assert.deepEqual(decodeState(encodeState(c.state)), c.state, c.name);
});

test('every key is written once, in a fixed order', () => {
  const hash = encodeState(everything);
  const keys = [...new URLSearchParams(hash).keys()];
  assert.deepEqual(keys, URL_KEYS.filter((k) => keys.includes(k)));
  assert.equal(new Set(URL_KEYS).size, URL_KEYS.length);
  // asOf and during are two spellings of state.time: only one is written.
  assert.ok(!(keys.includes('asOf') && keys.includes('during')));
});

test('encoding omits empty fields and is stable', () => {
  assert.equal(encodeState(emptyState()), '');
  const a = encodeState({ ...emptyState(), types: ['SPIES_ON', 'AUTHORED'], focus: 'china' });
  const b = encodeState({ ...emptyState(), focus: 'china', types: ['AUTHORED', 'SPIES_ON'] });
  assert.equal(a, b);
  assert.equal(a, 'focus=china&types=AUTHORED%2CSPIES_ON');
  assert.equal(encodeState({ ...emptyState(), time: { from: '1990', to: '1990' } }), 'asOf=1990');
  assert.equal(encodeState({ ...emptyState(), minCredibility: '2', minReliability: 'B' }), 'minReliability=B&minCredibility=2');
  assert.equal(encodeState({ ...emptyState(), marks: false }), 'marks=off', 'the marks are on unless the link says off');
  assert.equal(decodeState('marks=on').marks, true);
});

test('too many nodes for a URL are left out of it', () => {
  const nodes = Array.from({ length: URL_MAX_NODES + 1 }, (_, i) => `n-${i}`);
  assert.doesNotMatch(encodeState({ ...emptyState(), nodes }), /nodes=/);
  assert.match(encodeState({ ...emptyState(), nodes: nodes.slice(1) }), /nodes=/);
});

test('decoding tolerates hand-edited hashes', () => {
  const path = (p) => ({ path: { ...emptyState().path, ...p } });
  const cases = [
    ['#focus=china', { focus: 'china' }],
    ['focus=china', { focus: 'china' }],
    ['#k=0', {}],
    ['#k=two', {}],
    ['#k=5', path({ k: 5 })],
    ['#tab=bogus', {}],
    ['#tab=paths', { tab: 'paths' }],
    ['#dir=sideways', {}],
    ['#labels=Person,,Country,Person', { labels: ['Country', 'Person'] }],
    ['#unknown=1&asOf=2015', { time: { from: '2015', to: '2015' } }],
    ['#during=2010..2014', { time: { from: '2010', to: '2014' } }],
    ['#during=2010', {}],
    ['#pos=china_1_2.bad.x_y_z', { pos: { china: [1, 2] } }],
    ['#view=0_1_2', {}],
    ['#style=notjson', {}],
    ['#style=[1,{"target":"node","channel":"size","input":"degree"}]', { rules: [{ target: 'node', channel: 'size', input: 'degree' }] }],
    ['#minReliability=C&minCredibility=2', { minReliability: 'C', minCredibility: '2' }],
    // F and 6 mean "cannot be judged": no threshold, as on the server.
    ['#minReliability=F&minCredibility=6', {}],
    ['#minReliability=b&minCredibility=0', {}],
    ['#minReliability=AB&minCredibility=2.5', {}],
    ['', {}],
  ];
  for (const [hash, want] of cases) assert.deepEqual(decodeState(hash), { ...emptyState(), ...want }, hash);
});

test('saved views round trip through their JSON, keeping what a URL leaves out', () => {
  const big = { ...everything, nodes: Array.from({ length: URL_MAX_NODES + 5 }, (_, i) => `n-${i}`) };
  big.pos = Object.fromEntries(big.nodes.map((n, i) => [n, [i, 0.5 - i]]));
  const doc = JSON.parse(JSON.stringify(viewDocument('Big one', big, '2026-01-01T00:00:00Z')));
  assert.equal(doc.format, 'actorgraph-view/v1');
  const { name, state } = readViewDocument(doc);
  assert.equal(name, 'Big one');
  assert.deepEqual(state.nodes, [...big.nodes].sort());
  assert.deepEqual(state.pos, big.pos);
  assert.deepEqual(state.rules, big.rules);
  assert.deepEqual(state.time, big.time);
  assert.equal(state.minReliability, 'B', 'a view keeps its grade thresholds');
  assert.equal(state.minCredibility, '3');
  assert.equal(state.tab, '', 'a view does not carry the open tab or a query');
  assert.equal(state.cypher, '');
  assert.throws(() => readViewDocument({ format: 'actorgraph/v1' }), /not a saved view/);
  assert.throws(() => readViewDocument({ format: 'actorgraph-view/v1' }), /no state/);
});
