import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeName, relText, pathSteps, pathText, cellText, confidenceText } from '../src/format.js';

const china = { id: 'c', key: 'china', labels: ['Actor', 'Country'], properties: { name: 'China' } };
const us = { id: 'u', key: 'united-states', labels: ['Actor', 'Country'], properties: { name: 'United States' } };
const greg = { id: 'g', key: 'greg-austin', labels: ['Actor', 'Person'], properties: { name: 'Greg Austin' } };
const doc = { id: 'd', key: 'op-ed', labels: ['Actor', 'Document'], properties: {} };
const spies = { id: 'r1', type: 'SPIES_ON', start: 'c', end: 'u', properties: {} };
const authored = { id: 'r2', type: 'AUTHORED', start: 'g', end: 'd', properties: {} };
const mentions = { id: 'r3', type: 'MENTIONS', start: 'd', end: 'c', properties: {} };

test('nodeName falls back from name to key to id', () => {
  assert.equal(nodeName(china), 'China');
  assert.equal(nodeName(doc), 'op-ed');
  assert.equal(nodeName({ id: 'x', properties: { name: '' } }), 'x');
  assert.equal(nodeName(undefined), '?');
});

test('relText reads in the direction of the relationship', () => {
  assert.equal(relText(spies, china, us), 'China —SPIES_ON→ United States');
});

test('pathSteps keeps arrows true when a step runs against a relationship', () => {
  const cases = [
    {
      name: 'forward',
      path: { nodes: [greg, doc, china], relationships: [authored, mentions], length: 2 },
      want: ['Greg Austin —AUTHORED→ op-ed', 'op-ed —MENTIONS→ China'],
    },
    {
      name: 'backward',
      path: { nodes: [china, doc, greg], relationships: [mentions, authored], length: 2 },
      want: ['China ←MENTIONS— op-ed', 'op-ed ←AUTHORED— Greg Austin'],
    },
    { name: 'single step', path: { nodes: [china, us], relationships: [spies] }, want: ['China —SPIES_ON→ United States'] },
    { name: 'empty', path: { nodes: [china], relationships: [] }, want: [] },
  ];
  for (const c of cases) {
    assert.deepEqual(
      pathSteps(c.path).map((s) => s.text),
      c.want,
      c.name,
    );
  }
  const [step] = pathSteps({ nodes: [china, doc], relationships: [mentions] });
  assert.deepEqual(step, { from: 'China', to: 'op-ed', type: 'MENTIONS', forward: false, text: 'China ←MENTIONS— op-ed', relId: 'r3' });
});

test('pathText chains every step', () => {
  assert.equal(pathText({ nodes: [greg, doc, china], relationships: [authored, mentions] }), 'Greg Austin —AUTHORED→ op-ed —MENTIONS→ China');
  assert.equal(pathText({ nodes: [china, doc, greg], relationships: [mentions, authored] }), 'China ←MENTIONS— op-ed ←AUTHORED— Greg Austin');
  assert.equal(pathText({ nodes: [china], relationships: [] }), 'China');
  assert.equal(pathText({ nodes: [], relationships: [] }), '');
});

test('cellText renders Cypher values', () => {
  const cases = [
    [null, 'null'],
    [undefined, 'null'],
    ['text', 'text'],
    [3, '3'],
    [false, 'false'],
    [china, 'China (Country)'],
    [spies, '[:SPIES_ON]'],
    [{ nodes: [china, us], relationships: [spies] }, 'China —SPIES_ON→ United States'],
    [[1, 'a', china], '[1, a, China (Country)]'],
    [{ a: 1 }, '{"a":1}'],
  ];
  for (const [v, want] of cases) assert.equal(cellText(v), want, JSON.stringify(v));
});

test('confidenceText shows fractions as percentages', () => {
  assert.equal(confidenceText(0.8), '80%');
  assert.equal(confidenceText(1), '100%');
  assert.equal(confidenceText('high'), 'high');
  assert.equal(confidenceText(undefined), '');
  assert.equal(confidenceText(7), '7');
});
