import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeElement, edgeElement, graphElements, nodeVisible, relVisible, isExportDocument } from '../src/elements.js';

const china = { id: 'c', key: 'china', labels: ['Actor', 'Country'], properties: { name: 'China' } };
const greg = { id: 'g', key: 'greg-austin', labels: ['Actor', 'Person'], properties: { name: 'Greg Austin' } };
const spies = { id: 'r1', type: 'SPIES_ON', start: 'c', end: 'u', properties: { since: '2010' } };
const wrote = { id: 'r2', type: 'AUTHORED', start: 'g', end: 'c', properties: { polarity: 'neutral', until: '2014' } };

test('elements carry what the stylesheet selects on', () => {
  assert.deepEqual(nodeElement(china).data, { id: 'c', key: 'china', name: 'China', kind: 'Country', labels: ['Actor', 'Country'] });
  assert.deepEqual(edgeElement(spies, new Map([['SPIES_ON', 'conflict']])).data, { id: 'r1', source: 'c', target: 'u', type: 'SPIES_ON', polarity: 'conflict', weak: 0 });
  const weak = (props) => edgeElement({ ...spies, properties: props }, new Map()).data.weak;
  assert.equal(weak({ credibility: 4 }), 1, 'a doubtful claim is weak evidence');
  assert.equal(weak({ reliability: 'D' }), 1, 'a source not usually reliable is weak evidence');
  assert.equal(weak({ stance: 'denied', credibility: 1, reliability: 'A' }), 1, 'a denied claim is weak evidence');
  assert.equal(weak({ stance: 'reported', credibility: 3, reliability: 'C' }), 0);
});

test('graphElements drops dangling and duplicate relationships', () => {
  const { nodes, edges } = graphElements({ nodes: [china, greg, china], relationships: [spies, wrote, wrote] });
  assert.deepEqual(nodes.map((n) => n.data.id), ['c', 'g']);
  assert.deepEqual(edges.map((e) => e.data.id), ['r2']);
  assert.deepEqual(graphElements(null), { nodes: [], edges: [] });
});

test('show-only label filter and hidden set', () => {
  const cases = [
    [china, {}, true],
    [china, { labels: ['Country'] }, true],
    [china, { labels: ['Person'] }, false],
    [china, { labels: ['Person', 'Country'] }, true],
    [china, { hidden: new Set(['c']) }, false],
  ];
  for (const [node, opts, want] of cases) assert.equal(nodeVisible(node, opts), want, JSON.stringify(opts));
});

test('type filter and time range', () => {
  const at = (d) => ({ time: { from: d, to: d } });
  const cases = [
    [spies, {}, true],
    [spies, { types: ['SPIES_ON'] }, true],
    [spies, { types: ['AUTHORED'] }, false],
    [spies, at('2009'), false],
    [spies, at('2010-01'), true],
    [wrote, at('2015'), false],
    [wrote, at('2014-12-31'), true],
    [spies, { time: { from: '2005', to: '2009' } }, false],
    [spies, { time: { from: '2005', to: '2010' } }, true],
    [wrote, { time: { from: '2015', to: '' } }, false],
    [wrote, { time: { from: '', to: '2001' } }, true],
    [spies, { types: ['AUTHORED'], time: { from: '2010', to: '2011' } }, false],
  ];
  for (const [rel, opts, want] of cases) assert.equal(relVisible(rel, opts), want, `${rel.id} ${JSON.stringify(opts)}`);
});

test('grade thresholds', () => {
  const graded = (p) => ({ ...spies, properties: { since: '2010', ...p } });
  const cases = [
    [spies, { minCredibility: '3' }, false], // ungraded never passes a threshold
    [spies, { minReliability: 'E' }, false],
    [graded({ credibility: 2, reliability: 'B' }), { minCredibility: '3', minReliability: 'B' }, true],
    [graded({ credibility: 2, reliability: 'B' }), { minCredibility: '1' }, false],
    [graded({ credibility: 2, reliability: 'B' }), { minReliability: 'A' }, false],
    [graded({ credibility: 6, reliability: 'F' }), { minCredibility: '5' }, false],
    [graded({ credibility: 6, reliability: 'F' }), { minReliability: 'E' }, false],
    [graded({ credibility: 6, reliability: 'F' }), {}, true],
    // the thresholds combine with the other filters
    [graded({ credibility: 1, reliability: 'A' }), { minCredibility: '1', minReliability: 'A', types: ['AUTHORED'] }, false],
    [graded({ credibility: 1, reliability: 'A' }), { minCredibility: '1', minReliability: 'A', time: { from: '2009', to: '2009' } }, false],
    [graded({ credibility: 1, reliability: 'A' }), { minCredibility: '1', minReliability: 'A', time: { from: '2011', to: '2011' } }, true],
  ];
  for (const [rel, opts, want] of cases) assert.equal(relVisible(rel, opts), want, `${rel.id} ${JSON.stringify(opts)}`);
});

test('isExportDocument recognises actorgraph exports', () => {
  assert.equal(isExportDocument({ format: 'actorgraph/v1', nodes: [], relationships: [] }), true);
  assert.equal(isExportDocument({ format: 'other', nodes: [], relationships: [] }), false);
  assert.equal(isExportDocument({ format: 'actorgraph/v1', nodes: [] }), false);
  assert.equal(isExportDocument(null), false);
});
