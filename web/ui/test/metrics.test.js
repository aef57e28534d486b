import { test } from 'node:test';
import assert from 'node:assert/strict';
import { communityColor, COMMUNITY_COLORS, OTHER_COMMUNITY, nodeSizes, ranked, metricText, metricsQuery, metricsSignature } from '../src/metrics.js';

const nodes = [
  { id: 'a', key: 'a', name: 'Alpha', degree: 4, pageRank: 0.4, betweenness: 0.5 },
  { id: 'b', key: 'b', name: 'Beta', degree: 1, pageRank: 0.1, betweenness: 0 },
  { id: 'c', key: 'c', name: 'Gamma', degree: 1, pageRank: 0.1, betweenness: 0 },
  { id: 'd', key: 'd', name: 'Delta', degree: 0, pageRank: 0.4, betweenness: 0 },
];

test('community colours: distinct for the first ten, grey after', () => {
  assert.equal(new Set(COMMUNITY_COLORS).size, COMMUNITY_COLORS.length);
  assert.equal(communityColor(0), COMMUNITY_COLORS[0]);
  assert.equal(communityColor(10), OTHER_COMMUNITY);
  assert.equal(communityColor(undefined), OTHER_COMMUNITY);
});

test('sizes: the top node is largest, area follows the metric, zero is smallest', () => {
  const s = nodeSizes(nodes, 'degree', { min: 10, max: 50 });
  assert.equal(s.get('a'), 50);
  assert.equal(s.get('d'), 10);
  assert.equal(s.get('b'), 10 + 40 * Math.sqrt(1 / 4));
  const flat = nodeSizes(nodes, 'betweenness', { min: 10, max: 50 });
  assert.deepEqual([...flat.values()], [50, 10, 10, 10]);
  const none = nodeSizes(nodes.slice(1), 'betweenness', { min: 10, max: 50 });
  assert.deepEqual([...none.values()], [10, 10, 10]);
});

test('ranked: highest first, ties by name, limited', () => {
  assert.deepEqual(ranked(nodes, 'pageRank').map((n) => n.key), ['a', 'd', 'b', 'c']);
  assert.deepEqual(ranked(nodes, 'degree', 2).map((n) => n.key), ['a', 'b']);
});

test('metric text', () => {
  assert.equal(metricText('degree', 3), '3');
  assert.equal(metricText('pageRank', 0.12345), '0.123');
  assert.equal(metricText('betweenness', undefined), '0.000');
});

test('metrics query: types, one date as asOf, a range is left out and said so', () => {
  assert.deepEqual(metricsQuery({ types: [], time: { from: '', to: '' } }), { types: undefined, asOf: undefined, rangeIgnored: false });
  assert.deepEqual(metricsQuery({ types: ['FUNDS'], time: { from: '1990', to: '1990' } }), { types: ['FUNDS'], asOf: '1990', rangeIgnored: false });
  assert.deepEqual(metricsQuery({ types: [], time: { from: '1990', to: '2000' } }), { types: undefined, asOf: undefined, rangeIgnored: true });
  assert.deepEqual(metricsQuery({ types: [], time: { from: '', to: '' }, minReliability: 'B', minCredibility: '3' }), { types: undefined, asOf: undefined, rangeIgnored: false, minReliability: 'B', minCredibility: '3' });
});

test('metrics signature: the same view in any order is the same, a changed filter or node set is not', () => {
  const s = { types: ['A', 'B'], time: { from: '', to: '' } };
  assert.equal(metricsSignature(['x', 'y'], s), metricsSignature(['y', 'x'], { ...s, types: ['B', 'A'] }));
  assert.notEqual(metricsSignature(['x', 'y'], s), metricsSignature(['x'], s));
  assert.notEqual(metricsSignature(['x'], s), metricsSignature(['x'], { ...s, time: { from: '1990', to: '1990' } }));
  assert.notEqual(metricsSignature(['x'], s), metricsSignature(['x'], { ...s, minCredibility: '2' }));
  assert.notEqual(metricsSignature(['x'], s), metricsSignature(['x'], { ...s, types: ['A'] }));
});
