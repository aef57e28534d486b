import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeElement, edgeElement, graphElements, nodeVisible, relVisible, mergeGraphs, isExportDocument } from '../src/elements.js';

const china = { id: 'c', key: 'china', labels: ['Actor', 'Country'], properties: { name: 'China' } };
const greg = { id: 'g', key: 'greg-austin', labels: ['Actor', 'Person'], properties: { name: 'Greg Austin' } };
const spies = { id: 'r1', type: 'SPIES_ON', start: 'c', end: 'u', properties: { since: '2010' } };
const wrote = { id: 'r2', type: 'AUTHORED', start: 'g', end: 'c', properties: { polarity: 'neutral', until: '2014' } };

test('elements carry what the stylesheet selects on', () => {
  assert.deepEqual(nodeElement(china).data, { id: 'c', key: 'china', name: 'China', kind: 'Country', labels: ['Actor', 'Country'] });
  assert.deepEqual(edgeElement(spies, new Map([['SPIES_ON', 'conflict']])).data, { id: 'r1', source: 'c', target: 'u', type: 'SPIES_ON', polarity: 'conflict', weak: 0 });
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

test('type filter and as-of date', () => {
  const cases = [
    [spies, {}, true],
    [spies, { types: ['SPIES_ON'] }, true],
    [spies, { minCredibility: '3' }, false],
    [{ ...spies, properties: { credibility: 2, reliability: 'B' } }, { minCredibility: '3', minReliability: 'B' }, true],
    [spies, { types: ['AUTHORED'] }, false],
    [spies, { asOf: '2009' }, false],
    [spies, { asOf: '2010-01' }, true],
    [wrote, { asOf: '2015' }, false],
    [wrote, { asOf: '2014-12-31' }, true],
  ];
  for (const [rel, opts, want] of cases) assert.equal(relVisible(rel, opts), want, `${rel.id} ${JSON.stringify(opts)}`);
});

test('mergeGraphs unions by id, later wins', () => {
  const renamed = { ...china, properties: { name: 'PRC' } };
  const g = mergeGraphs({ nodes: [china], relationships: [spies] }, { nodes: [renamed, greg], relationships: [spies, wrote] }, undefined);
  assert.deepEqual(g.nodes.map((n) => n.properties.name), ['PRC', 'Greg Austin']);
  assert.deepEqual(g.relationships.map((r) => r.id), ['r1', 'r2']);
});

test('isExportDocument recognises actorgraph exports', () => {
  assert.equal(isExportDocument({ format: 'actorgraph/v1', nodes: [], relationships: [] }), true);
  assert.equal(isExportDocument({ format: 'other', nodes: [], relationships: [] }), false);
  assert.equal(isExportDocument({ format: 'actorgraph/v1', nodes: [] }), false);
  assert.equal(isExportDocument(null), false);
});
