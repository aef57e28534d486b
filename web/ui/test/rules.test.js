import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInputs, applyRules, validRule, ramp, pageRank, SEQUENTIAL, CATEGORICAL } from '../src/rules.js';

const nodes = [
  { id: 'a', kind: 'Country', props: { name: 'A', population: 10, grade: 'B' }, metrics: { degree: 1 } },
  { id: 'b', kind: 'Person', props: { name: 'B', population: 30, grade: 'A' }, metrics: { degree: 5 } },
  { id: 'c', kind: 'Country', props: { name: 'C', grade: 'B' }, metrics: { degree: 3 } },
];
const edges = [
  { id: 'r1', type: 'SPIES_ON', polarity: 'conflict', props: { confidence: 0.5 } },
  { id: 'r2', type: 'ALLIED_WITH', polarity: 'cooperation', props: { confidence: 0.9, stance: 'disputed' } },
];

test('numeric inputs scale between the smallest and largest value shown', () => {
  const inputs = createInputs();
  const { styles, legend } = applyRules([{ target: 'node', channel: 'size', input: 'degree' }], { nodes, edges }, inputs);
  assert.equal(styles.get('a').size, 18);
  assert.equal(styles.get('b').size, 64);
  assert.equal(styles.get('c').size, 41);
  assert.equal(legend[0].min, 1);
  assert.equal(legend[0].max, 5);
  assert.equal(legend[0].title, 'Node size by Degree (visible relations)');
  assert.equal(legend[0].samples.length, 5);
});

test('a property becomes numeric or categorical from its values; missing values get no style', () => {
  const inputs = createInputs();
  const { styles, legend } = applyRules(
    [
      { target: 'node', channel: 'color', input: 'prop:population' },
      { target: 'node', channel: 'border', input: 'prop:grade' },
    ],
    { nodes, edges },
    inputs,
  );
  assert.equal(styles.get('a').color, SEQUENTIAL[0]);
  assert.equal(styles.get('b').color, SEQUENTIAL[4]);
  assert.equal(styles.get('c').color, undefined, 'c has no population');
  assert.equal(legend[1].kind, 'category');
  // The most frequent category gets the first colour.
  assert.deepEqual(legend[1].entries.map((e) => [e.label, e.count, e.borderColor]), [
    ['B', 2, CATEGORICAL[0]],
    ['A', 1, CATEGORICAL[1]],
  ]);
  assert.equal(styles.get('a').borderColor, CATEGORICAL[0]);
});

test('categories cannot drive a size; later rules win on the same channel', () => {
  const inputs = createInputs();
  const r = applyRules([{ target: 'node', channel: 'size', input: 'kind' }], { nodes, edges }, inputs);
  assert.equal(r.styles.size, 0);
  assert.match(r.legend[0].note, /numeric/);
  const two = applyRules(
    [
      { target: 'edge', channel: 'color', input: 'polarity' },
      { target: 'edge', channel: 'color', input: 'prop:confidence' },
    ],
    { nodes, edges },
    inputs,
  );
  assert.equal(two.styles.get('r2').color, SEQUENTIAL[4]);
});

test('inputs registered later (server metrics, grades) are offered and applied like the built-in ones', () => {
  const inputs = createInputs();
  assert.equal(validRule({ target: 'node', channel: 'color', input: 'community' }, inputs), false);
  inputs.register({ id: 'community', target: 'node', label: 'Community', kind: 'category', metric: true, value: (it) => it.metrics.community });
  const withCommunity = nodes.map((n, i) => ({ ...n, metrics: { ...n.metrics, community: i % 2 } }));
  assert.ok(inputs.list('node', withCommunity).some((i) => i.id === 'community'));
  const { styles } = applyRules([{ target: 'node', channel: 'color', input: 'community' }], { nodes: withCommunity, edges }, inputs);
  assert.notEqual(styles.get('a').color, styles.get('b').color);
  assert.equal(styles.get('a').color, styles.get('c').color);
  // Properties found in the data are inputs too, e.g. a stance on the evidence.
  const edgeInputs = inputs.list('edge', edges).map((i) => i.id);
  assert.ok(edgeInputs.includes('prop:stance'));
  assert.ok(edgeInputs.includes('prop:confidence'));
  assert.ok(!edgeInputs.includes('prop:claim'));
  assert.equal(validRule({ target: 'edge', channel: 'border', input: 'polarity' }, inputs), false, 'relations have no border');
});

test('ramp interpolates the sequential palette', () => {
  assert.equal(ramp(0), SEQUENTIAL[0]);
  assert.equal(ramp(1), SEQUENTIAL[4]);
  assert.equal(ramp(0.25), SEQUENTIAL[1]);
  assert.equal(ramp(-3), SEQUENTIAL[0]);
});

test('pageRank: a star gives its centre the most, ranks sum to 1', () => {
  const pr = pageRank(['hub', 'a', 'b', 'c', 'lone'], [
    ['hub', 'a'],
    ['hub', 'b'],
    ['c', 'hub'],
  ]);
  const sum = [...pr.values()].reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-9);
  assert.ok(pr.get('hub') > pr.get('a'));
  assert.ok(Math.abs(pr.get('a') - pr.get('b')) < 1e-12);
  // For an undirected star of k leaves the centre's rank is known in closed form.
  const k = 3;
  const d = 0.85;
  const n = 5;
  assert.ok(pr.get('lone') < pr.get('a'));
  assert.ok(pr.get('hub') > 1 / n + (d * k) / (n * (k + 1)) - 0.1);
});
