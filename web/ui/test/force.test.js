import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forceLayout, seedPositions, FIRST_TICKS } from '../src/force.js';
import { localLinks } from './graphs.js';

test('the force layout pulls neighbours together and keeps fixed nodes put', () => {
  // Two cliques of 6 joined by one edge.
  const links = [];
  for (const base of [0, 6]) for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) links.push([base + i, base + j]);
  links.push([0, 6]);
  const pos = forceLayout({ n: 12, links, ticks: 150, fixed: new Map([[11, [500, 500]]]) });
  const d = (a, b) => Math.hypot(pos[2 * a] - pos[2 * b], pos[2 * a + 1] - pos[2 * b + 1]);
  assert.equal(pos[22], 500);
  assert.equal(pos[23], 500);
  const within = d(1, 2);
  const across = d(1, 8);
  assert.ok(within < across, `same clique ${within.toFixed(0)} < other clique ${across.toFixed(0)}`);
  assert.ok(pos.every(Number.isFinite));
});

test('seed positions are distinct and start components compactly', () => {
  const s = seedPositions(50, [[0, 1], [1, 2]]);
  const pts = new Set();
  for (let i = 0; i < 50; i++) pts.add(`${s[2 * i].toFixed(3)},${s[2 * i + 1].toFixed(3)}`);
  assert.equal(pts.size, 50);
});

test(`after FIRST_TICKS (${FIRST_TICKS}) ticks a big graph's layout is within 10% of its settled quality`, () => {
  // 2,000 nodes and 5,000 mostly local links, like the end-to-end test's big graph.
  const n = 2000;
  const links = localLinks(n, 5000);
  // Quality: the mean link length over the mean distance from the centre
  // (smaller: neighbours drawn closer together for the room the graph takes).
  const quality = (p) => {
    let link = 0;
    for (const [a, b] of links) link += Math.hypot(p[2 * a] - p[2 * b], p[2 * a + 1] - p[2 * b + 1]);
    let spread = 0;
    for (let i = 0; i < n; i++) spread += Math.hypot(p[2 * i], p[2 * i + 1]);
    return link / links.length / (spread / n);
  };
  const seen = {};
  const settled = quality(forceLayout({ n, links, first: FIRST_TICKS, onTick: (p, t) => (seen[t] = quality(p)) }));
  assert.deepEqual(Object.keys(seen), [String(FIRST_TICKS)], 'one early call, at FIRST_TICKS');
  const seedQuality = quality(seedPositions(n, links));
  assert.ok(seedQuality > 1.1 * settled, `the seed alone (${seedQuality.toFixed(3)}) is not yet useful (settled ${settled.toFixed(3)})`);
  assert.ok(seen[FIRST_TICKS] <= 1.1 * settled, `after ${FIRST_TICKS} ticks ${seen[FIRST_TICKS].toFixed(3)}, settled ${settled.toFixed(3)}`);
});
