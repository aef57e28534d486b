import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forceManyBody } from 'd3-force';
import { manyBody } from '../src/manybody.js';
import { seedPositions, forceLayout } from '../src/force.js';
import { localLinks } from './graphs.js';

// The graph of force.test.js: 2,000 nodes, 5,000 mostly local links.
const graph = () => ({ n: 2000, links: localLinks(2000, 5000) });

/** forces applies one many-body force once (alpha 1) to points pos and returns each node's velocity. */
function forces(force, pos) {
  const nodes = Array.from({ length: pos.length / 2 }, (_, i) => ({ index: i, x: pos[2 * i], y: pos[2 * i + 1], vx: 0, vy: 0 }));
  let r = 7;
  force.initialize(nodes, () => ((r = (r * 16807) % 2147483647) / 2147483647));
  force(1);
  return nodes.map((d) => [d.vx, d.vy]);
}

const rms = (v, exact) => {
  let e = 0;
  let t = 0;
  v.forEach(([x, y], i) => {
    e += (x - exact[i][0]) ** 2 + (y - exact[i][1]) ** 2;
    t += exact[i][0] ** 2 + exact[i][1] ** 2;
  });
  return Math.sqrt(e / t);
};

test('with no approximation (theta near 0) the forces are d3 forceManyBody’s, distance bounds included', () => {
  const { n, links } = graph();
  const pos = seedPositions(n, links).slice(0, 2 * 500);
  for (const max of [Infinity, 120]) {
    const want = forces(forceManyBody().strength(-80).theta(0.001).distanceMin(2).distanceMax(max), pos);
    const got = forces(manyBody().strength(-80).theta(0.001).distanceMin(2).distanceMax(max), pos);
    assert.ok(rms(got, want) < 1e-9, `distanceMax ${max}: relative error ${rms(got, want)}`);
  }
});

test('with the approximation the layout uses (theta 1, distanceMax 400) the forces are d3’s too: same cells, same decisions', () => {
  const { n, links } = graph();
  for (const [label, pos] of [['seed', seedPositions(n, links)], ['settled', forceLayout({ n, links, ticks: 100 })]]) {
    const want = forces(forceManyBody().strength(-80).theta(1).distanceMax(400), pos);
    const got = forces(manyBody().strength(-80).theta(1).distanceMax(400), pos);
    assert.ok(rms(got, want) < 1e-9, `${label}: relative error ${rms(got, want)}`);
  }
});

test('coincident and nearly coincident points push apart and stay finite', () => {
  const pos = new Float64Array([0, 0, 0, 0, 0, 0, 1e-300, 0, 5, 5]);
  const v = forces(manyBody().strength(-30), pos);
  assert.ok(v.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)), JSON.stringify(v));
  assert.ok(v.some(([x, y]) => x !== 0 || y !== 0));
  // The lone point is pushed away from the heap at the origin.
  assert.ok(v[4][0] > 0 && v[4][1] > 0, JSON.stringify(v[4]));
  assert.deepEqual(forces(manyBody(), new Float64Array(0)), []);
});

test('a node without a position spoils no other node’s force, as in d3', () => {
  const pos = new Float64Array([0, 0, 10, 3, NaN, 5, 20, 20, -4, 7]);
  const want = forces(forceManyBody().strength(-30), pos);
  const got = forces(manyBody().strength(-30), pos);
  for (const i of [0, 1, 3, 4]) {
    assert.ok(got[i].every(Number.isFinite), `node ${i}: ${got[i]}`);
    assert.ok(Math.hypot(got[i][0] - want[i][0], got[i][1] - want[i][1]) < 1e-12, `node ${i}: ${got[i]} against d3's ${want[i]}`);
  }
});
